import { useTranslation } from 'react-i18next'
import type { CategoryQuestion } from '../api-client/index.ts'
import { errorAttributes, InputError } from '../ui/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link FieldQuestion}. */
export interface FieldQuestionProps {
  question: CategoryQuestion
  /** The answer as text (`'true'`/`'false'` for yes/no questions); `''` for none. */
  value: string
  language: Language
  error: string | undefined
  onChange(value: string): void
}

/**
 * One of a category's extra questions, with the input its type calls for: a text field, a
 * numeric field, a date picker, a select, or a yes/no choice (with "not sure" as no answer).
 */
export function FieldQuestion({ question, value, language, error, onChange }: FieldQuestionProps) {
  const { t } = useTranslation()
  const id = `report-answer-${question.id}`
  const label = pickText(question.label, language)
  const aria = { ...errorAttributes(`${id}-error`, error), required: question.required }

  if (question.type === 'boolean') {
    const choices = [
      { value: 'true', label: t('feature.yes') },
      { value: 'false', label: t('feature.no') },
      { value: '', label: t('report.details.notSure') },
    ]
    return (
      <fieldset className="field-stack" {...errorAttributes(`${id}-error`, error)}>
        <legend>{label}</legend>
        <div className="choice-row">
          {choices.map((choice) => (
            <label key={choice.value} className="choice">
              <input type="radio" name={id} value={choice.value} checked={value === choice.value} onChange={() => onChange(choice.value)} />
              <span>{choice.label}</span>
            </label>
          ))}
        </div>
        <InputError id={`${id}-error`} message={error} />
      </fieldset>
    )
  }

  const onInput = (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value)
  return (
    <div className="field-stack">
      <label htmlFor={id}>
        {label}
        {!question.required && <span className="field-optional"> {t('report.optional')}</span>}
      </label>
      {question.type === 'select' ? (
        <select id={id} value={value} onChange={onInput} {...aria}>
          <option value="">{t('report.details.choose')}</option>
          {question.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {pickText(option.label, language)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={value}
          onChange={onInput}
          {...aria}
          {...(question.type === 'integer'
            ? { type: 'text', inputMode: 'numeric', pattern: '-?[0-9]*' }
            : question.type === 'number'
              ? { type: 'text', inputMode: 'decimal' }
              : question.type === 'date'
                ? { type: 'date' }
                : { type: 'text', maxLength: 500 })}
        />
      )}
      <InputError id={`${id}-error`} message={error} />
    </div>
  )
}
