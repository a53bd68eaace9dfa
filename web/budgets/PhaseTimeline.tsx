import { useTranslation } from 'react-i18next'
import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import type { BudgetPhase } from './budget-api.ts'
import { phaseSteps } from './phase-timeline.ts'

/** An edition's phases in order, with their dates and which is under way now. */
export function PhaseTimeline({ phases, language }: { phases: readonly BudgetPhase[]; language: Language }) {
  const { t } = useTranslation()
  const day = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Kyiv' })
  return (
    <section aria-labelledby="phases-heading">
      <h3 id="phases-heading">{t('budgets.phases.heading')}</h3>
      <ol className="budget-phases">
        {phaseSteps(phases, new Date()).map((step) => (
          <li key={step.name} className={`budget-phases__step budget-phases__step--${step.when}`} data-phase={step.name} aria-current={step.when === 'now' ? 'step' : undefined}>
            <strong>{t(`budgets.phases.${step.name}`)}</strong> <span className="field-hint">({t(`budgets.phases.${step.when}`)})</span>
            <br />
            <span>{t('budgets.phases.window', { from: day.format(new Date(step.starts_at)), to: day.format(new Date(step.ends_at)) })}</span>
          </li>
        ))}
      </ol>
    </section>
  )
}
