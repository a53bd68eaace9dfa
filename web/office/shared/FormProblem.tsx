import type { Ref } from 'react'
import { useTranslation } from 'react-i18next'
import type { Problem } from '../../api-client/index.ts'
import { fieldPath } from './use-api-write.ts'

/**
 * Why the API refused a form: its detail (or title) and a summary of the field errors, which are
 * also shown next to their fields. Focusable, so the form can move focus here after a refusal.
 */
export function FormProblem({ problem, ref }: { problem: Problem | undefined; ref?: Ref<HTMLDivElement> }) {
  const { t } = useTranslation()
  return (
    <div ref={ref} className="office-problem" role="alert" tabIndex={-1} data-empty={problem === undefined}>
      {problem && (
        <>
          <p className="office-problem__title">{problem.detail ?? problem.title}</p>
          {problem.errors && problem.errors.length > 0 && (
            <ul>
              {problem.errors.map((error) => (
                <li key={`${error.field}-${error.message}`}>{t('office.form.fieldError', { field: fieldPath(error.field), message: error.message })}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  )
}
