import { useTranslation } from 'react-i18next'
import type { AppealCategory } from '../api-client/index.ts'
import { errorAttributes, InputError } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldPhotos } from './FieldPhotos.tsx'
import { FieldQuestion } from './FieldQuestion.tsx'
import { MAX_DESCRIPTION, type FieldErrors, type ReportDraft } from './report-draft.ts'

/** Props of {@link ReportDetailsStep}. */
export interface ReportDetailsStepProps {
  draft: ReportDraft
  category: AppealCategory
  language: Language
  errors: FieldErrors
  onChange(patch: Partial<Pick<ReportDraft, 'description' | 'answers' | 'photos'>>): void
}

/** Step 3: what is wrong, in the resident's words, the category's extra questions and photos. */
export function ReportDetailsStep({ draft, category, language, errors, onChange }: ReportDetailsStepProps) {
  const { t } = useTranslation()
  const left = MAX_DESCRIPTION - draft.description.length
  return (
    <div className="report-step">
      <div className="field-stack">
        <label htmlFor="report-description">{t('report.details.description')}</label>
        <p id="report-description-hint" className="field-hint">
          {t('report.details.descriptionHint')}
        </p>
        <textarea
          id="report-description"
          rows={5}
          required
          value={draft.description}
          onChange={(event) => onChange({ description: event.currentTarget.value })}
          {...errorAttributes('report-description-error', errors.description, 'report-description-hint')}
        />
        <p className="field-hint" aria-live="polite">
          {left < 500 && t('report.details.charactersLeft', { count: left })}
        </p>
        <InputError id="report-description-error" message={errors.description} />
      </div>
      {category.questions.map((question) => (
        <FieldQuestion
          key={question.id}
          question={question}
          value={draft.answers[question.id] ?? ''}
          language={language}
          error={errors[`answers.${question.id}`]}
          onChange={(value) => onChange({ answers: { ...draft.answers, [question.id]: value } })}
        />
      ))}
      <FieldPhotos photos={draft.photos} error={errors.photos} onChange={(photos) => onChange({ photos })} />
    </div>
  )
}
