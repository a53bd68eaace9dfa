import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_CONSULTATION_DAYS } from '../../api/contract/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import { ActionForm, addDays, kyivDate, useApiWrite } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldText } from '../ui/index.ts'
import { ConsultationListSchema, consultationHref, openConsultation, windowDays } from './consultation-api.ts'
import { ConsultationStatusBadge } from './ConsultationStatusBadge.tsx'
import type { ManagedLayer } from './planning-api.ts'

/** The usual window: a detailed plan's consultation runs for at least a month. */
const DEFAULT_DAYS = 30

/** The day `days` after a `YYYY-MM-DD` day. */
const dayPlus = (day: string, days: number) => kyivDate(addDays(`${day}T12:00:00Z`, days))

/** Midnight in Kyiv at the start of a `YYYY-MM-DD` day, as an instant. */
function kyivMidnight(day: string): string {
  // Kyiv is UTC+2 or UTC+3; the offset of that very day decides.
  const noon = new Date(`${day}T12:00:00Z`)
  const kyivNoon = new Date(noon.toLocaleString('en-US', { timeZone: 'Europe/Kyiv' }))
  const offsetMs = kyivNoon.getTime() - new Date(noon.toLocaleString('en-US', { timeZone: 'UTC' })).getTime()
  return new Date(new Date(`${day}T00:00:00Z`).getTime() - offsetMs).toISOString()
}

/**
 * A layer's consultations in the cabinet: those held on it, each linking its page (where the
 * planner answers), and, while the layer is under consultation, the form that opens a new one
 * with its window. The comment period ends at the end of its last day, Kyiv time.
 */
export function LayerConsultations({ layer, language }: { layer: ManagedLayer; language: Language }) {
  const { t } = useTranslation()
  const [reloads, setReloads] = useState(0)
  const all = useApiResource(`/api/consultations?city=${encodeURIComponent(layer.city)}`, ConsultationListSchema, reloads)
  const held = all.status === 'ready' ? all.data.filter((c) => c.layer === layer.id) : []
  const today = kyivDate(Date.now())
  const write = useApiWrite()
  const [form, setForm] = useState({
    titleUk: pickText(layer.title, 'uk'),
    titleEn: pickText(layer.title, 'en'),
    descriptionUk: '',
    descriptionEn: '',
    from: today,
    to: dayPlus(today, DEFAULT_DAYS),
  })
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }))
  const submit = async () => {
    const opened = await write.run(() =>
      openConsultation({
        layer: layer.id,
        starts_at: kyivMidnight(form.from),
        ends_at: kyivMidnight(dayPlus(form.to, 1)),
        title: { uk: form.titleUk, en: form.titleEn },
        description: { uk: form.descriptionUk, en: form.descriptionEn },
      }),
    )
    if (opened) setReloads((n) => n + 1)
  }
  return (
    <section className="planning-card" aria-labelledby="consultations-heading">
      <h2 id="consultations-heading">{t('planning.consultation.cabinetTitle')}</h2>
      {held.length === 0 && <p>{t('planning.consultation.noneHeld')}</p>}
      <ul className="planning-list">
        {held.map((c) => (
          <li key={c.id} data-consultation-id={c.id}>
            <a href={consultationHref(c.id, language)}>{pickText(c.title, language)}</a> <ConsultationStatusBadge status={c.status} />{' '}
            <span className="field-hint">
              {t('planning.consultation.window', windowDays(c, LOCALE_OF[language]))} ·{' '}
              {t('planning.consultation.answered', { answered: c.answered, count: c.comments })}
            </span>
          </li>
        ))}
      </ul>
      {layer.status === 'consultation' ? (
        <details className="consultation-open" open={held.length === 0}>
          <summary>{t('planning.consultation.open')}</summary>
          <ActionForm write={write} submitLabel={t('planning.consultation.openSubmit')} onSubmit={() => void submit()}>
            <FieldText label={t('planning.consultation.titleUk')} value={form.titleUk} onChange={set('titleUk')} error={write.fieldError('title.uk')} />
            <FieldText label={t('planning.consultation.titleEn')} value={form.titleEn} onChange={set('titleEn')} error={write.fieldError('title.en')} />
            <FieldText rows={3} label={t('planning.consultation.descriptionUk')} value={form.descriptionUk} onChange={set('descriptionUk')} error={write.fieldError('description.uk')} />
            <FieldText rows={3} label={t('planning.consultation.descriptionEn')} value={form.descriptionEn} onChange={set('descriptionEn')} error={write.fieldError('description.en')} />
            <FieldText type="date" label={t('planning.consultation.from')} value={form.from} onChange={set('from')} error={write.fieldError('starts_at')} />
            <FieldText type="date" label={t('planning.consultation.to')} value={form.to} onChange={set('to')} error={write.fieldError('ends_at')} />
            <p className="field-hint">{t('planning.consultation.windowHint', { max: MAX_CONSULTATION_DAYS })}</p>
          </ActionForm>
        </details>
      ) : (
        <p className="field-hint">{t('planning.consultation.needsStatus')}</p>
      )}
    </section>
  )
}
