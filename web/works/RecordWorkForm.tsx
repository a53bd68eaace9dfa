import type { Polygon } from 'geojson'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sendJson } from '../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { areaPolygon, FieldChoices, objectHref } from '../property/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { SWITCHED_OFF, WORK_KINDS, WORK_TYPES, WorkSchema, WORKS_VIEW, type Work } from './works-api.ts'
import { workBody, type MapPick, type WorkDraft } from './works-forms.ts'

/** Props of {@link RecordWorkForm}. */
export interface RecordWorkFormProps {
  cityId: string
  lang: Language | undefined
  /** The map's taps while this form puts its point or draws its area. */
  pick: MapPick | undefined
  onPickChange(pick: MapPick | undefined): void
  onAreaChange(area: Polygon | undefined): void
  onRecorded(work: Work): void
}

const EMPTY: WorkDraft = {
  kind: 'planned',
  title: '',
  description: '',
  workType: 'road',
  startsAt: '',
  endsAt: '',
  plannedStart: '',
  plannedEnd: '',
  switchedOff: [],
  place: undefined,
  organisation: '',
  contractor: '',
  cost: '',
  prozorro: '',
}

/**
 * "Record works", for staff who manage works: the kind, title and kind of work; a window in Kyiv
 * time (works that switch something off) or planned dates (a repair); what is switched off; the
 * place, a point tapped on the map with a radius or an area drawn there; the contractor, the cost
 * and the Prozorro tender → `POST /api/works`. The API's refusals show by their fields; once
 * recorded, a link opens the new work's page.
 */
export function RecordWorkForm({ cityId, lang, pick, onPickChange, onAreaChange, onRecorded }: RecordWorkFormProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [draft, setDraft] = useState<WorkDraft>(EMPTY)
  const [recorded, setRecorded] = useState<Work>()
  const set = (patch: Partial<WorkDraft>) => setDraft({ ...draft, ...patch })
  // A tap puts the point; an area is taken when it is finished.
  const tapped = pick?.mode === 'point' ? pick.corners[0] : undefined
  const point = tapped ?? (draft.place && 'point' in draft.place ? draft.place.point : undefined)
  const radius = draft.place && 'radiusM' in draft.place ? draft.place.radiusM : '100'
  const current: WorkDraft = { ...draft, place: pick?.mode === 'point' && tapped ? { point: tapped, radiusM: radius } : draft.place }
  const placeState = current.place === undefined ? 'none' : 'area' in current.place ? 'area' : 'point'

  const send = async () => {
    const work = await write.run(() => sendJson('/api/works', WorkSchema, { body: workBody(cityId, current) }))
    if (work) {
      onPickChange(undefined)
      onAreaChange(undefined)
      setDraft(EMPTY)
      setRecorded(work)
      onRecorded(work)
    }
  }
  const finishArea = () => {
    const area = pick && areaPolygon(pick.corners)
    if (!area) return
    set({ place: { area } })
    onAreaChange(area)
    onPickChange(undefined)
  }
  const pickPoint = () => {
    if (pick?.mode === 'point') {
      if (tapped) set({ place: { point: tapped, radiusM: radius } })
      onPickChange(undefined)
      return
    }
    onAreaChange(undefined)
    onPickChange({ purpose: 'record', mode: 'point', corners: point ? [point] : [] })
  }
  const windowed = draft.kind !== 'repair'
  return (
    <section className="planning-card works-record" aria-labelledby="works-record-heading">
      <h2 id="works-record-heading">{t('works.record.heading')}</h2>
      {recorded && (
        <p role="status" className="works-record__done">
          {t('works.record.done')} <a href={objectHref(WORKS_VIEW, recorded.id, lang)}>{recorded.title}</a>
        </p>
      )}
      <ActionForm write={write} submitLabel={t('works.record.submit')} onSubmit={() => void send()}>
        <FieldSelect label={t('works.fields.kind')} value={draft.kind} options={WORK_KINDS.map((k) => ({ value: k, label: t(`works.kinds.${k}`) }))} onChange={(kind) => set({ kind: kind as WorkDraft['kind'] })} error={write.fieldError('kind')} />
        <FieldText label={t('works.fields.title')} value={draft.title} onChange={(title) => set({ title })} error={write.fieldError('title')} />
        <FieldText label={t('works.fields.description')} rows={2} value={draft.description} onChange={(description) => set({ description })} error={write.fieldError('description')} />
        <FieldSelect label={t('works.fields.workType')} value={draft.workType} options={WORK_TYPES.map((w) => ({ value: w, label: t(`works.types.${w}`) }))} onChange={(workType) => set({ workType: workType as WorkDraft['workType'] })} error={write.fieldError('work_type')} />
        {windowed ? (
          <>
            <FieldText label={t('works.fields.startsAt')} hint={t('works.fields.kyivTime')} type="datetime-local" value={draft.startsAt} onChange={(startsAt) => set({ startsAt })} error={write.fieldError('starts_at')} />
            <FieldText label={t('works.fields.endsAt')} type="datetime-local" value={draft.endsAt} onChange={(endsAt) => set({ endsAt })} error={write.fieldError('ends_at')} />
          </>
        ) : (
          <>
            <FieldText label={t('works.fields.plannedStart')} type="date" value={draft.plannedStart} onChange={(plannedStart) => set({ plannedStart })} error={write.fieldError('planned_start')} />
            <FieldText label={t('works.fields.plannedEnd')} type="date" value={draft.plannedEnd} onChange={(plannedEnd) => set({ plannedEnd })} error={write.fieldError('planned_end')} />
          </>
        )}
        <FieldChoices
          legend={t('works.fields.switchedOff')}
          name="record-switched-off"
          options={SWITCHED_OFF}
          value={draft.switchedOff.join(',') || undefined}
          labelOf={(s) => t(`works.switchedOff.${s}`)}
          onChange={(value) => set({ switchedOff: (value ? value.split(',') : []) as WorkDraft['switchedOff'] })}
        />
        <fieldset className="works-record__place" data-place={placeState} data-picking={pick ? `${pick.mode}:${pick.corners.length}` : undefined}>
          <legend>{t('works.fields.place')}</legend>
          <p className="field-hint" aria-live="polite">
            {pick?.mode === 'area' ? t('property.area.drawing', { count: pick.corners.length }) : pick?.mode === 'point' ? t('works.record.tapPoint') : t(`works.record.place.${placeState}`)}
          </p>
          {write.fieldError('geometry') && (
            <p className="field-error" role="alert">
              {write.fieldError('geometry')}
            </p>
          )}
          <div className="button-row">
            <button type="button" className="button button--small button--secondary" aria-pressed={pick?.mode === 'point'} onClick={pickPoint}>
              {pick?.mode === 'point' ? t('works.subscribe.pickDone') : t('works.subscribe.pickOnMap')}
            </button>
            {pick?.mode === 'area' ? (
              <button type="button" className="button button--small" disabled={pick.corners.length < 3} onClick={finishArea}>
                {t('property.area.finish')}
              </button>
            ) : (
              <button type="button" className="button button--small button--secondary" onClick={() => onPickChange({ purpose: 'record', mode: 'area', corners: [] })}>
                {t('property.area.draw')}
              </button>
            )}
          </div>
          {placeState === 'point' && (
            <FieldText label={t('works.fields.radius')} inputMode="numeric" value={radius} onChange={(radiusM) => point && set({ place: { point, radiusM } })} error={write.fieldError('radius_m')} />
          )}
        </fieldset>
        <FieldText label={t('works.fields.organisationId')} hint={t('works.fields.organisationHint')} value={draft.organisation} onChange={(organisation) => set({ organisation })} error={write.fieldError('organisation')} />
        <FieldText label={t('works.fields.contractor')} value={draft.contractor} onChange={(contractor) => set({ contractor })} error={write.fieldError('contractor')} />
        <FieldText label={t('works.fields.cost')} inputMode="numeric" value={draft.cost} onChange={(cost) => set({ cost })} error={write.fieldError('cost')} />
        <FieldText label={t('works.fields.prozorro')} hint={t('works.fields.prozorroHint')} value={draft.prozorro} onChange={(prozorro) => set({ prozorro })} error={write.fieldError('prozorro_tender_id')} />
      </ActionForm>
    </section>
  )
}
