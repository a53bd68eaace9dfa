import '../css/planning.css'
import './works.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sendJson, SessionSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { ActionForm, FieldSelect, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import { formatDate, formatHryvnias, ObjectFacts, ObjectFiles, ObjectFileUpload, ObjectShapeMap, sectionHref, useSectionLanguage, useUrlLanguage, type Fact } from '../property/index.ts'
import { FieldText, PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { ServiceIcon } from './ServiceIcon.tsx'
import { switchedOffText, workWhen } from './WorkAgenda.tsx'
import { WORK_KIND_COLORS, WORK_STATUSES, WorkSchema, WORKS_VIEW, type Work, type WorkPatchBody } from './works-api.ts'
import { wholeHryvnias } from './works-forms.ts'
import { isoToKyivTime, kyivTimeToIso } from './works-format.ts'

/**
 * `/works/{id}`: one work with every field formatted: its window in Kyiv time, what it switches
 * off, the organisation in charge and the contractor, the cost and the money spent in hryvnias,
 * the Prozorro tender, the planned and actual dates and its status; its area on a small map.
 * Staff who manage works update its status, dates and money here.
 */
export function WorkPage({ id }: { id: number }) {
  const { t } = useTranslation()
  const { lang, setLanguage } = useUrlLanguage()
  const language = useSectionLanguage(lang)
  const loaded = useApiResource(`/api/works/${id}`, WorkSchema)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const manages = session.status === 'ready' && (session.data.user?.permissions.includes('works:manage') ?? false)
  const [changed, setChanged] = useState<Work>()
  const w = changed ?? (loaded.status === 'ready' ? loaded.data : undefined)
  return (
    <>
      <PageHeader language={language} mapHref={w ? `/?city=${w.city}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page property-section property-object works-section" data-object-id={id}>
        <p className="property-back">
          <a href={sectionHref(WORKS_VIEW, w ? { city: w.city } : {}, lang)}>{t('works.back')}</a>
        </p>
        {loaded.status === 'loading' && <p role="status">{t('app.loading')}</p>}
        {loaded.status === 'failed' && <LoadFailure title={loaded.problem.status === 404 ? t('works.notFound') : (loaded.problem.detail ?? loaded.problem.title)} />}
        {w && <WorkDetails work={w} language={language} />}
        {w && manages && <WorkUpdateForm work={w} onSaved={setChanged} />}
        {w && manages && w.kind === 'repair' && (
          <section aria-labelledby="work-photos-heading" className="planning-card property-staff">
            <h2 id="work-photos-heading">{t('property.files.staff')}</h2>
            <ObjectFileUpload kind="photo" url={`/api/works/${w.id}/photos`} schema={WorkSchema} onDone={setChanged} fields={{ stage: 'before' }} submitLabel={t('property.files.addBefore')} />
            <ObjectFileUpload kind="photo" url={`/api/works/${w.id}/photos`} schema={WorkSchema} onDone={setChanged} fields={{ stage: 'after' }} submitLabel={t('property.files.addAfter')} />
          </section>
        )}
      </main>
    </>
  )
}

function WorkDetails({ work: w, language }: { work: Work; language: Language }) {
  const { t } = useTranslation()
  const money = (amount: number | null) => amount !== null && formatHryvnias(amount, language)
  const date = (day: string | null) => day !== null && formatDate(day, language)
  const facts: Fact[] = [
    [t('works.fields.kind'), t(`works.kinds.${w.kind}`), 'kind'],
    [t('works.fields.status'), t(`works.statuses.${w.status}`), 'status'],
    [t('works.fields.workType'), t(`works.types.${w.work_type}`), 'work_type'],
    [t('works.fields.window'), w.starts_at && w.ends_at && workWhen(w, language), 'window'],
    [
      t('works.fields.switchedOff'),
      w.switched_off.length > 0 && (
        <span className="works-services" aria-label={switchedOffText(w, language, t)}>
          {w.switched_off.map((s) => (
            <span key={s} className="works-service" data-service={s}>
              <ServiceIcon service={s} /> {t(`works.switchedOff.${s}`)}
            </span>
          ))}
        </span>
      ),
      'switched_off',
    ],
    [t('works.fields.organisation'), w.organisation && (w.organisation.name[language] || w.organisation.name.uk), 'organisation'],
    [t('works.fields.contractor'), w.contractor && [w.contractor, w.contractor_edrpou && t('property.object.edrpou', { code: w.contractor_edrpou })].filter(Boolean).join(', '), 'contractor'],
    [t('works.fields.cost'), money(w.cost), 'cost'],
    [t('works.fields.spent'), money(w.spent), 'spent'],
    [
      t('works.fields.prozorro'),
      w.prozorro && (
        <a href={w.prozorro.url} rel="external noopener" target="_blank">
          {w.prozorro.tender_id}
        </a>
      ),
      'prozorro',
    ],
    [t('works.fields.planned'), (w.planned_start || w.planned_end) && [date(w.planned_start), date(w.planned_end)].filter(Boolean).join(' – '), 'planned'],
    [t('works.fields.actual'), (w.actual_start || w.actual_end) && [date(w.actual_start), date(w.actual_end) || t('works.ongoing')].filter(Boolean).join(' – '), 'actual'],
    [t('works.fields.updated'), formatDate(w.updated_at, language), 'updated'],
  ]
  return (
    <article aria-labelledby="object-heading" data-kind={w.kind} data-active={w.active_now}>
      <h1 id="object-heading">
        {w.title} {w.synthetic && <span className="badge badge--synthetic">{t('property.synthetic')}</span>}
      </h1>
      {w.active_now && (
        <p className="works-now" role="note">
          {t('works.onNow')}
        </p>
      )}
      {w.description && <p className="property-object__description">{w.description}</p>}
      <div className="property-object__body">
        <ObjectFacts facts={facts} label={t('works.facts')} />
        <ObjectShapeMap cityId={w.city} id={w.id} geometry={w.geometry} status={w.kind} colours={WORK_KIND_COLORS} />
      </div>
      <ObjectFiles photos={w.photos} />
    </article>
  )
}

/** The staff's update of a work: its status, window, actual dates and the money spent → `PATCH /api/works/{id}`. */
function WorkUpdateForm({ work, onSaved }: { work: Work; onSaved(work: Work): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [status, setStatus] = useState<Work['status']>(work.status)
  const [startsAt, setStartsAt] = useState(work.starts_at ? isoToKyivTime(work.starts_at) : '')
  const [endsAt, setEndsAt] = useState(work.ends_at ? isoToKyivTime(work.ends_at) : '')
  const [actualStart, setActualStart] = useState(work.actual_start ?? '')
  const [actualEnd, setActualEnd] = useState(work.actual_end ?? '')
  const [spent, setSpent] = useState(work.spent === null ? '' : String(work.spent))
  const [saved, setSaved] = useState(false)
  const save = async () => {
    setSaved(false)
    const body: WorkPatchBody = {
      status,
      ...(kyivTimeToIso(startsAt) && { starts_at: kyivTimeToIso(startsAt) }),
      ...(kyivTimeToIso(endsAt) && { ends_at: kyivTimeToIso(endsAt) }),
      ...(actualStart && { actual_start: actualStart }),
      ...(actualEnd && { actual_end: actualEnd }),
      ...(wholeHryvnias(spent) !== undefined && { spent: wholeHryvnias(spent) }),
    }
    const answer = await write.run(() => sendJson(`/api/works/${work.id}`, WorkSchema, { method: 'PATCH', body }))
    if (answer) {
      setSaved(true)
      onSaved(answer)
    }
  }
  return (
    <section aria-labelledby="work-update-heading" className="planning-card works-update">
      <h2 id="work-update-heading">{t('works.update.heading')}</h2>
      <ActionForm write={write} submitLabel={t('works.update.save')} onSubmit={() => void save()}>
        <FieldSelect label={t('works.fields.status')} value={status} options={WORK_STATUSES.map((s) => ({ value: s, label: t(`works.statuses.${s}`) }))} onChange={(s) => setStatus(s as Work['status'])} error={write.fieldError('status')} />
        {work.kind !== 'repair' && (
          <>
            <FieldText label={t('works.fields.startsAt')} hint={t('works.fields.kyivTime')} type="datetime-local" value={startsAt} onChange={setStartsAt} error={write.fieldError('starts_at')} />
            <FieldText label={t('works.fields.endsAt')} type="datetime-local" value={endsAt} onChange={setEndsAt} error={write.fieldError('ends_at')} />
          </>
        )}
        <FieldText label={t('works.fields.actualStart')} type="date" value={actualStart} onChange={setActualStart} error={write.fieldError('actual_start')} />
        <FieldText label={t('works.fields.actualEnd')} type="date" value={actualEnd} onChange={setActualEnd} error={write.fieldError('actual_end')} />
        <FieldText label={t('works.fields.spent')} inputMode="numeric" value={spent} onChange={setSpent} error={write.fieldError('spent')} />
      </ActionForm>
      <p role="status">{saved ? t('works.update.saved') : ''}</p>
    </section>
  )
}
