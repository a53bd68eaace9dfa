import { useTranslation } from 'react-i18next'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { submitDraft, type BudgetProposal } from './budget-api.ts'

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
