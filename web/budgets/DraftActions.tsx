import { useTranslation } from 'react-i18next'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { submitDraft, withdrawProposal, type BudgetProposal } from './budget-api.ts'

/** The author's button under their draft during the submission phase: submit it for review. */
export function DraftActions({ proposal, onSubmitted }: { proposal: BudgetProposal; onSubmitted(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const submit = async () => {
    if (write.pending) return
    const submitted = await write.run(() => submitDraft(proposal.edition, proposal.id))
    if (submitted) onSubmitted(submitted)
  }
  return (
    <div className="planning-card budget-draft">
      <p>{t('budgets.project.draftNote')}</p>
      <button type="button" className="button" aria-disabled={write.pending} onClick={() => void submit()}>
        {t('budgets.propose.submit')}
      </button>
      <FormProblem problem={write.problem} />
    </div>
  )
}

/** The authors' button to take back a proposal not yet reviewed: it leaves the map and the list, and cannot come back. */
export function WithdrawAction({ proposal, onWithdrawn }: { proposal: BudgetProposal; onWithdrawn(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const withdraw = async () => {
    if (write.pending || !window.confirm(t('budgets.project.withdrawConfirm'))) return
    const withdrawn = await write.run(() => withdrawProposal(proposal.edition, proposal.id))
    if (withdrawn) onWithdrawn(withdrawn)
  }
  return (
    <div className="budget-withdraw">
      <button type="button" className="button button--small button--secondary" aria-disabled={write.pending} onClick={() => void withdraw()}>
        {t('budgets.project.withdraw')}
      </button>
      <FormProblem problem={write.problem} />
    </div>
  )
}
