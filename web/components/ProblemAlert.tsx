import { useTranslation } from 'react-i18next'
import type { Problem } from '../api-client/index.ts'

/**
 * The alert region for what went wrong: each problem's title and detail, as the API sent them.
 * The region is always in the document, so screen readers announce problems as they appear.
 */
export function ProblemAlert({ problems, onDismiss }: { problems: readonly Problem[]; onDismiss(): void }) {
  const { t } = useTranslation()
  return (
    <div className="problem-alert" role="alert" data-empty={problems.length === 0}>
      {problems.length > 0 && (
        <>
          <ul className="problem-alert__list">
            {problems.map((problem, index) => (
              <li key={`${index}-${problem.title}`}>
                <strong>{problem.title}</strong>
                {problem.detail && <span className="problem-alert__detail">{problem.detail}</span>}
              </li>
            ))}
          </ul>
          <button type="button" className="problem-alert__dismiss" onClick={onDismiss}>
            {t('problem.dismiss')}
          </button>
        </>
      )}
    </div>
  )
}
