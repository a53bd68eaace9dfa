import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { computeResults, patchEdition, type BudgetEdition } from './budget-api.ts'
import { closeVotingPhases } from './phase-timeline.ts'

/**
 * The commission's buttons on the section page: close voting now (the voting phase ends at
 * this moment) while it runs, and compute the results once it has ended.
 */
export function StaffEditionActions({ edition, onChanged }: { edition: BudgetEdition; onChanged(): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [done, setDone] = useState<string>()
  const voting = edition.phases.find((p) => p.name === 'voting')
  const votingEnded = voting !== undefined && Date.parse(voting.ends_at) <= Date.now()
  const act = async (action: () => Promise<unknown>, message: string) => {
    if (write.pending) return
    setDone(undefined)
    if ((await write.run(action)) !== undefined) {
      setDone(message)
      onChanged()
    }
  }
  const closeVoting = () => {
    const phases = closeVotingPhases(edition.phases, new Date())
    if (phases) void act(() => patchEdition(edition.id, { phases }), t('budgets.staff.closed'))
  }
  return (
    <section aria-labelledby="staff-heading" className="planning-card budget-staff">
      <h2 id="staff-heading">{t('budgets.staff.heading')}</h2>
      <div className="button-row">
        {edition.phase === 'voting' && (
          <button type="button" className="button button--small button--danger" aria-disabled={write.pending} onClick={closeVoting}>
            {t('budgets.staff.closeVoting')}
          </button>
        )}
        {votingEnded && !edition.past && (
          <button type="button" className="button button--small" aria-disabled={write.pending} onClick={() => void act(() => computeResults(edition.id), t('budgets.staff.computed'))}>
            {t('budgets.staff.compute')}
          </button>
        )}
      </div>
      <FormProblem problem={write.problem} />
      <p role="status">{done}</p>
    </section>
  )
}
