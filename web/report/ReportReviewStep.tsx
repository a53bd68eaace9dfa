import { useTranslation } from 'react-i18next'
import type { AppealCategory } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldDeputy } from './FieldDeputy.tsx'
import type { ReportSubmission } from './use-report-flow.ts'
import { stepOfField, type FieldErrors, type ReportDraft, type ReportStep } from './report-draft.ts'

/** Props of {@link ReportReviewStep}. */
export interface ReportReviewStepProps {
  cityId: string
  draft: ReportDraft
  category: AppealCategory
  language: Language
  errors: FieldErrors
  submission: ReportSubmission
  onEdit(step: ReportStep): void
  onChange(patch: Partial<Omit<ReportDraft, 'step'>>): void
}

/**
 * Step 5: everything the resident entered, each part with a way back to change it, the offer to
 * address the district's deputy where the point has one, and what went wrong with the last attempt to file it (errors no other step shows, and the problem's
 * title and detail).
 */
export function ReportReviewStep({ cityId, draft, category, language, errors, submission, onEdit, onChange }: ReportReviewStepProps) {
  const { t } = useTranslation()
  const { location, contact } = draft
  const answered = category.questions.filter((q) => (draft.answers[q.id] ?? '') !== '')
  const contactText = [contact.name, contact.email, contact.phone].filter((part) => part.trim() !== '').join(', ')
  const rows: Array<{ step: ReportStep; label: string; value: string }> = [
    {
      step: 'location',
      label: t('report.review.location'),
      value: location ? (location.label ?? `${location.lat.toFixed(5)}, ${location.lon.toFixed(5)}`) : '',
    },
    { step: 'category', label: t('report.review.category'), value: pickText(category.name, language) },
    { step: 'details', label: t('report.review.description'), value: draft.description },
    ...answered.map((q) => ({ step: 'details' as const, label: pickText(q.label, language), value: answerText(q, draft.answers[q.id] ?? '', language, t) })),
    { step: 'details', label: t('report.review.photos'), value: t('report.review.photoCount', { count: draft.photos.length }) },
    { step: 'contact', label: t('report.review.contact'), value: contactText || t('report.review.noContact') },
    { step: 'contact', label: t('report.review.visibility'), value: visibilityText(draft, t) },
  ]
  const otherErrors = Object.entries(errors).filter(([field]) => stepOfField(field) === 'review')

  return (
    <div className="report-step">
      <dl className="report-review">
        {rows.map((row) => (
          <div key={`${row.step}-${row.label}`} className="report-review__row">
            <dt>{row.label}</dt>
            {/* Text nodes only: what a resident typed is never markup. */}
            <dd>{row.value}</dd>
            <dd>
              <button type="button" className="link-button" onClick={() => onEdit(row.step)} aria-label={t('report.review.changeNamed', { what: row.label })}>
                {t('report.review.change')}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      <FieldDeputy cityId={cityId} location={location} checked={draft.toDeputy} onChange={(toDeputy) => onChange({ toDeputy })} />
      {submission.status === 'failed' && (
        <div className="report-failure" role="alert">
          <p>
            <strong>{submission.problem.title}</strong>
          </p>
          {submission.problem.detail && <p>{submission.problem.detail}</p>}
          {otherErrors.map(([field, message]) => (
            <p key={field}>{message}</p>
          ))}
          <p>{t('report.review.retryHint')}</p>
        </div>
      )}
    </div>
  )
}

type Translate = ReturnType<typeof useTranslation>['t']

function answerText(question: AppealCategory['questions'][number], value: string, language: Language, t: Translate): string {
  if (question.type === 'boolean') return value === 'true' ? t('feature.yes') : t('feature.no')
  const option = question.options?.find((candidate) => candidate.value === value)
  return option ? pickText(option.label, language) : value
}

function visibilityText(draft: ReportDraft, t: Translate): string {
  const appeal = draft.isPublic ? t('report.review.public') : t('report.review.private')
  return draft.showName ? `${appeal}; ${t('report.review.nameShown')}` : `${appeal}; ${t('report.review.nameHidden')}`
}
