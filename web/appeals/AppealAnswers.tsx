import { AppealCategoryListSchema, type CategoryQuestion } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link AppealAnswers}. */
export interface AppealAnswersProps {
  cityId: string
  categoryId: string
  answers: Record<string, unknown>
  language: Language
  /** Words for yes/no answers. */
  yes: string
  no: string
}

/**
 * The answers to the category's extra questions as label/value rows of a `<dl>`, labelled by
 * the category catalogue (the question id until it has loaded). Renders nothing without answers.
 */
export function AppealAnswers({ cityId, categoryId, answers, language, yes, no }: AppealAnswersProps) {
  const entries = Object.entries(answers)
  const categories = useApiResource(entries.length > 0 ? `/api/appeal-categories?city=${encodeURIComponent(cityId)}` : undefined, AppealCategoryListSchema)
  const questions = categories.status === 'ready' ? categories.data.find((category) => category.id === categoryId)?.questions : undefined
  return entries.map(([id, value]) => {
    const question = questions?.find((candidate) => candidate.id === id)
    return (
      <div key={id} className="appeal__fact">
        <dt>{question ? pickText(question.label, language) : id}</dt>
        <dd>{answerText(question, value, language, yes, no)}</dd>
      </div>
    )
  })
}

function answerText(question: CategoryQuestion | undefined, value: unknown, language: Language, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no
  const option = question?.options?.find((candidate) => candidate.value === value)
  return option ? pickText(option.label, language) : String(value)
}
