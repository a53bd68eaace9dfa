import '../css/planning.css'
import type { FeatureCollection } from 'geojson'
import type { ComponentType } from 'react'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_COMMENT_LENGTH, PublicLayer } from '../../api/contract/index.ts'
import { type LayerSummary, SessionSchema, type SignedInUser } from '../api-client/index.ts'
import { useApiResource, usePageLanguage } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import { ActionForm, FieldSelect, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import { FieldText, PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { CommentList } from './CommentList.tsx'
import { addCommentPhoto, CommentListSchema, ConsultationSchema, postComment, windowDays, type Consultation, type ConsultationComment } from './consultation-api.ts'
import { ConsultationMap, type PickedPlace } from './ConsultationMap.tsx'
import { ConsultationStatusBadge } from './ConsultationStatusBadge.tsx'
import { LayerDocuments } from './LayerDocuments.tsx'
import { FeatureCollectionSchema } from './planning-api.ts'

/** Props of {@link ConsultationPage}. */
export interface ConsultationPageProps {
  id: number
  /** Draws the plan's legend (the map page's own). */
  Legend: ComponentType<{ layer: LayerSummary; language: Language }>
}

/**
 * `/planning/consultations/{id}`: a plan under public consultation. Everyone sees the plan on the
 * map with its legend, the comments with the council's answers, and the protocol; a signed-in
 * resident pins a comment to a place or to a feature of the plan while the window is open and
 * gets a receipt number; planners answer and moderators hide, on the same page.
 */
export function ConsultationPage({ id, Legend }: ConsultationPageProps) {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const [reloads, setReloads] = useState(0)
  const consultation = useApiResource(`/api/consultations/${id}`, ConsultationSchema, reloads)
  const c = consultation.status === 'ready' ? consultation.data : undefined
  const layer = useApiResource(c && `/api/layers/${encodeURIComponent(c.layer)}`, PublicLayer)
  const plan = useApiResource(c && `/api/layers/${encodeURIComponent(c.layer)}/export.geojson`, FeatureCollectionSchema)
  const comments = useApiResource(`/api/consultations/${id}/comments`, CommentListSchema, reloads)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const user = session.status === 'ready' ? session.data.user : null
  const [pin, setPin] = useState<PickedPlace | null>(null)
  // The corners of an area the resident is marking; null while they point at a place instead.
  const [area, setArea] = useState<[number, number][] | null>(null)
  const pick = (place: PickedPlace) => (area ? setArea([...area, [place.lon, place.lat]]) : setPin(place))
  const [selected, setSelected] = useState<number | null>(null)
  // The export writes feature ids as strings (they are bigints); the map and the API take numbers.
  const planData = useMemo(
    () => (plan.status === 'ready' ? ({ type: 'FeatureCollection', features: plan.data.features.map((f) => ({ ...f, id: Number(f.id) })) } as FeatureCollection) : undefined),
    [plan],
  )
  const commentList = comments.status === 'ready' ? comments.data : []
  const mapHref = c ? `/?city=${c.city}&layers=${c.layer}${language === 'uk' ? '' : `&lang=${language}`}` : '/'

  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={setLanguage} />
      <main id="content" className="page planning-public consultation">
        {consultation.status === 'loading' && <p role="status">{t('app.loading')}</p>}
        {consultation.status === 'failed' && <LoadFailure title={consultation.problem.detail ?? consultation.problem.title} />}
        {c && (
          <>
            <p className="planning__links">
              <a href={`/planning?city=${c.city}${language === 'uk' ? '' : `&lang=${language}`}`}>{t('planning.consultation.back')}</a>
              <a href={mapHref}>{t('planning.editor.openOnMap')}</a>
            </p>
            <h1>
              {pickText(c.title, language)} <ConsultationStatusBadge status={c.status} />
            </h1>
            <ConsultationFacts consultation={c} language={language} synthetic={layer.status === 'ready' && layer.data.synthetic} />
            {pickText(c.description, language) && <p className="consultation__description">{pickText(c.description, language)}</p>}
            <div className="consultation__body">
              <div className="consultation__map">
                {layer.status === 'ready' && (
                  <>
                    <ConsultationMap
                      cityId={c.city}
                      plan={planData}
                      geometry={layer.data.geometry_type}
                      style={layer.data.style}
                      bbox={c.extent_bbox}
                      comments={commentList}
                      pin={pin}
                      area={area}
                      selectedComment={selected}
                      onPick={c.status === 'open' && user ? pick : undefined}
                      onSelectComment={setSelected}
                      label={t('planning.consultation.mapLabel', { title: pickText(c.title, language) })}
                    />
                    <Legend layer={layer.data} language={language} />
                  </>
                )}
                {layer.status === 'failed' && <LoadFailure title={layer.problem.detail ?? layer.problem.title} />}
              </div>
              <div className="consultation__side">
                <CommentSection
                  consultation={c}
                  user={user}
                  sessionKnown={session.status !== 'loading'}
                  language={language}
                  plan={planData}
                  labelField={layer.status === 'ready' ? layer.data.style.label : undefined}
                  pin={pin}
                  onPin={setPin}
                  area={area}
                  onArea={(next) => {
                    setArea(next)
                    if (next) setPin(null)
                  }}
                  onPosted={(comment) => {
                    setPin(null)
                    setArea(null)
                    setSelected(comment.id)
                    setReloads((n) => n + 1)
                  }}
                />
              </div>
            </div>
            <LayerDocuments layerId={c.layer} language={language} manage={false} />
            <section aria-labelledby="comments-heading" className="consultation__comments">
              <h2 id="comments-heading">{t('planning.consultation.comments', { count: c.comments })}</h2>
              {comments.status === 'failed' && <LoadFailure title={comments.problem.detail ?? comments.problem.title} />}
              {comments.status === 'ready' && commentList.length === 0 && <p>{t('planning.consultation.noComments')}</p>}
              <CommentList
                consultationId={c.id}
                comments={commentList}
                language={language}
                selected={selected}
                onSelect={setSelected}
                canAnswer={user?.permissions.includes('layers:manage') ?? false}
                canHide={user?.permissions.includes('appeals:triage') ?? false}
                onChanged={() => setReloads((n) => n + 1)}
              />
            </section>
          </>
        )}
      </main>
    </>
  )
}

/** The window, the revision, the counts and the protocol's downloads. */
function ConsultationFacts({ consultation: c, language, synthetic }: { consultation: Consultation; language: Language; synthetic: boolean }) {
  const { t } = useTranslation()
  return (
    <>
      <p className="consultation__facts">
        {t('planning.consultation.window', windowDays(c, LOCALE_OF[language]))}
        {' · '}
        {t('planning.consultation.revision', { revision: c.layer_revision })}
        {' · '}
        {t('planning.consultation.answered', { answered: c.answered, count: c.comments })}
      </p>
      {synthetic && (
        <p>
          <span className="badge badge--synthetic">{t('planning.consultation.synthetic')}</span>
        </p>
      )}
      <p className="consultation__protocol">
        {t('planning.consultation.protocol')}{' '}
        <a href={new URL(c.protocol.pdf).pathname} download>
          PDF
        </a>{' '}
        <a href={new URL(c.protocol.csv).pathname} download>
          CSV
        </a>{' '}
        <a href={new URL(c.protocol.geojson).pathname} download>
          GeoJSON
        </a>
      </p>
    </>
  )
}

interface CommentSectionProps {
  consultation: Consultation
  user: SignedInUser | null
  sessionKnown: boolean
  language: Language
  plan: FeatureCollection | undefined
  labelField: string | undefined
  pin: PickedPlace | null
  onPin(place: PickedPlace | null): void
  /** The area being marked (null: none), and the way to start, change or drop it. */
  area: [number, number][] | null
  onArea(area: [number, number][] | null): void
  onPosted(comment: ConsultationComment): void
}

/** The resident's side: why they cannot comment (not open, not signed in), or the form and the receipt. */
function CommentSection(props: CommentSectionProps) {
  const { t } = useTranslation()
  const { consultation: c, user, language } = props
  const [receipt, setReceipt] = useState<string>()
  const next = `/planning/consultations/${c.id}${language === 'uk' ? '' : `?lang=${language}`}`
  return (
    <section aria-labelledby="comment-form-heading" className="planning-card consultation__form">
      <h2 id="comment-form-heading">{t('planning.consultation.write')}</h2>
      {receipt && (
        <div role="status" className="consultation__receipt">
          <p>{t('planning.consultation.received', { receipt })}</p>
        </div>
      )}
      {c.status === 'upcoming' && <p>{t('planning.consultation.notYet')}</p>}
      {c.status === 'closed' && <p>{t('planning.consultation.closed')}</p>}
      {c.status === 'open' && props.sessionKnown && !user && (
        <p>
          <a className="button" href={`/sign-in?next=${encodeURIComponent(next)}`}>
            {t('planning.consultation.signIn')}
          </a>
        </p>
      )}
      {c.status === 'open' && user && (
        <CommentForm
          {...props}
          onPosted={(comment) => {
            setReceipt(comment.receipt)
            props.onPosted(comment)
          }}
        />
      )}
    </section>
  )
}

/** A feature's name in the list of the plan's objects: its label, else its number. */
function featureName(feature: FeatureCollection['features'][number], labelField: string | undefined, numbered: (id: string) => string): string {
  const label = labelField ? feature.properties?.[labelField] : undefined
  return typeof label === 'string' || typeof label === 'number' ? `${label} (#${feature.id})` : numbered(String(feature.id))
}

/** The centre of a feature's extent: where a comment about it is shown before the server places it. */
function featurePoint(feature: FeatureCollection['features'][number]): { lon: number; lat: number } {
  const xs: number[] = []
  const ys: number[] = []
  const walk = (value: unknown) => {
    if (Array.isArray(value) && typeof value[0] === 'number') {
      xs.push(value[0] as number)
      ys.push(value[1] as number)
    } else if (Array.isArray(value)) value.forEach(walk)
  }
  if (feature.geometry && 'coordinates' in feature.geometry) walk(feature.geometry.coordinates)
  return { lon: (Math.min(...xs) + Math.max(...xs)) / 2, lat: (Math.min(...ys) + Math.max(...ys)) / 2 }
}

function CommentForm({ consultation: c, plan, labelField, pin, onPin, area, onArea, onPosted }: CommentSectionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [text, setText] = useState('')
  const [photo, setPhoto] = useState<File>()
  // A new input after each comment, so the chosen file does not linger.
  const [photoKey, setPhotoKey] = useState(0)
  const [photoFailed, setPhotoFailed] = useState(false)
  const features = plan?.features ?? []
  const options = useMemo(
    () => [{ value: '', label: t('planning.consultation.noFeature') }, ...features.filter((f) => Number.isSafeInteger(f.id)).map((f) => ({ value: String(f.id), label: featureName(f, labelField, (id) => t('planning.consultation.featureNumber', { id })) }))],
    [features, labelField, t],
  )
  const chooseFeature = (value: string) => {
    const feature = features.find((f) => String(f.id) === value)
    onArea(null)
    onPin(feature ? { ...featurePoint(feature), featureId: Number(feature.id) } : null)
  }
  const submit = async () => {
    const refuse = (message: string) => write.refuse({ type: '/problems/invalid-input', title: message, status: 422, errors: [{ field: 'body.geometry', message }] })
    if (area && area.length < 3) return refuse(t('planning.consultation.areaTooSmall'))
    if (!area && !pin) return refuse(t('planning.consultation.placeFirst'))
    const body = area
      ? { text, geometry: { type: 'Polygon' as const, coordinates: [[...area, area[0]!]] } }
      : pin!.featureId !== null
        ? { text, feature_id: pin!.featureId }
        : { text, geometry: { type: 'Point' as const, coordinates: [pin!.lon, pin!.lat] as [number, number] } }
    // The comment first, then its photo: a photo that fails leaves the comment (and its receipt) in place.
    const comment = await write.run(async () => {
      const posted = await postComment(c.id, body)
      if (!photo) return posted
      return addCommentPhoto(c.id, posted.id, photo).then(
        (withPhoto) => ({ ...posted, ...withPhoto }),
        () => {
          setPhotoFailed(true)
          return posted
        },
      )
    })
    if (comment) {
      setText('')
      setPhoto(undefined)
      setPhotoKey((k) => k + 1)
      onPosted(comment)
    }
  }
  const placeError = write.fieldError('geometry') ?? write.fieldError('feature_id')
  return (
    <ActionForm write={write} submitLabel={t('planning.consultation.send')} onSubmit={() => void submit()}>
      <p className="field-hint">{t('planning.consultation.howToPlace')}</p>
      <FieldSelect
        label={t('planning.consultation.feature')}
        value={pin?.featureId !== null && pin ? String(pin.featureId) : ''}
        options={options}
        onChange={chooseFeature}
      />
      <p
        className="consultation__place"
        aria-live="polite"
        data-place={area ? `area:${area.length}` : pin ? (pin.featureId !== null ? `feature:${pin.featureId}` : 'point') : 'none'}
      >
        {area
          ? t('planning.consultation.areaCorners', { count: area.length })
          : pin === null
            ? t('planning.consultation.noPlace')
            : pin.featureId !== null
              ? t('planning.consultation.placeFeature', { id: pin.featureId })
              : t('planning.consultation.placePoint', { lat: pin.lat.toFixed(5), lon: pin.lon.toFixed(5) })}
      </p>
      <div className="button-row">
        {area ? (
          <>
            <button type="button" className="button button--small button--secondary" disabled={area.length === 0} onClick={() => onArea(area.slice(0, -1))}>
              {t('planning.consultation.areaUndo')}
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => onArea(null)}>
              {t('planning.consultation.areaCancel')}
            </button>
          </>
        ) : (
          <button type="button" className="button button--small button--secondary" onClick={() => onArea([])}>
            {t('planning.consultation.areaStart')}
          </button>
        )}
      </div>
      {placeError && (
        <p className="field-error" role="alert">
          {placeError}
        </p>
      )}
      <FieldText
        label={t('planning.consultation.text')}
        rows={5}
        maxLength={MAX_COMMENT_LENGTH}
        value={text}
        onChange={setText}
        hint={t('planning.consultation.length', { count: text.length, max: MAX_COMMENT_LENGTH })}
        error={write.fieldError('text')}
      />
      <div className="field-stack">
        <label htmlFor="comment-photo">{t('planning.consultation.photo')}</label>
        <p id="comment-photo-hint" className="field-hint">
          {t('planning.consultation.photoHint')}
        </p>
        <input
          key={photoKey}
          id="comment-photo"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic"
          aria-describedby="comment-photo-hint"
          onChange={(e) => {
            setPhotoFailed(false)
            setPhoto(e.currentTarget.files?.[0])
          }}
        />
        {photoFailed && (
          <p className="field-error" role="alert">
            {t('planning.consultation.photoFailed')}
          </p>
        )}
      </div>
    </ActionForm>
  )
}
