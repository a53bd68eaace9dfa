import { useTranslation } from 'react-i18next'
import { errorAttributes, InputError } from '../ui/index.ts'
import type { FieldErrors, ReportDraft } from './report-draft.ts'

/** Props of {@link ReportContactStep}. */
export interface ReportContactStepProps {
  draft: ReportDraft
  errors: FieldErrors
  onChange(patch: Partial<Pick<ReportDraft, 'contact' | 'showName' | 'isPublic' | 'website'>>): void
}

const CONTACT_FIELDS = [
  { key: 'name', type: 'text', autoComplete: 'name' },
  { key: 'email', type: 'email', autoComplete: 'email' },
  { key: 'phone', type: 'tel', autoComplete: 'tel' },
] as const

/**
 * Step 4: how the city can reach the resident (all optional and never published) and what may
 * be shown: the name (off by default) and the appeal itself (public by default). Also holds the
 * honeypot field, hidden from people and from assistive technology.
 */
export function ReportContactStep({ draft, errors, onChange }: ReportContactStepProps) {
  const { t } = useTranslation()
  return (
    <div className="report-step">
      <p className="privacy-note" id="report-contact-privacy">
        {t('report.contact.privacy')}
      </p>
      {CONTACT_FIELDS.map(({ key, type, autoComplete }) => {
        const id = `report-contact-${key}`
        const error = errors[`contact.${key}`]
        return (
          <div key={key} className="field-stack">
            <label htmlFor={id}>
              {t(`report.contact.${key}`)} <span className="field-optional">{t('report.optional')}</span>
            </label>
            <input
              id={id}
              type={type}
              autoComplete={autoComplete}
              value={draft.contact[key]}
              onChange={(event) => onChange({ contact: { ...draft.contact, [key]: event.currentTarget.value } })}
              {...errorAttributes(`${id}-error`, error, 'report-contact-privacy')}
            />
            <InputError id={`${id}-error`} message={error} />
          </div>
        )
      })}
      <p className="field-hint">{t('report.contact.emailWhy')}</p>
      <label className="choice">
        <input
          type="checkbox"
          checked={draft.showName}
          onChange={(event) => onChange({ showName: event.currentTarget.checked })}
          {...errorAttributes('report-show-name-error', errors.show_name)}
        />
        <span>{t('report.contact.showName')}</span>
      </label>
      <InputError id="report-show-name-error" message={errors.show_name} />
      <label className="choice">
        <input type="checkbox" checked={draft.isPublic} onChange={(event) => onChange({ isPublic: event.currentTarget.checked })} aria-describedby="report-public-hint" />
        <span>{t('report.contact.public')}</span>
      </label>
      <p id="report-public-hint" className="field-hint">
        {draft.isPublic ? t('report.contact.publicHint') : t('report.contact.privateHint')}
      </p>
      {/* The honeypot: people never see or reach it; bots that fill every field in give themselves away. */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="report-website">Website</label>
        <input id="report-website" name="website" type="text" tabIndex={-1} autoComplete="off" value={draft.website} onChange={(event) => onChange({ website: event.currentTarget.value })} />
      </div>
    </div>
  )
}
