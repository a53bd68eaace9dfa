import { useTranslation } from 'react-i18next'
import type { BudgetProposal } from './budget-api.ts'
import { proposalShade } from './proposal-list.ts'

/** The "synthetic data" mark of editions and proposals made up for the demonstration. */
export function SyntheticBadge() {
  const { t } = useTranslation()
  return <span className="badge badge--synthetic">{t('budgets.synthetic')}</span>
}

/** A proposal's status, or its outcome once the results are published, in the map's colour. */
export function ProposalStatusBadge({ proposal }: { proposal: Pick<BudgetProposal, 'status' | 'outcome'> }) {
  const { t } = useTranslation()
  const shade = proposalShade(proposal)
  return (
    <span className={`badge budget-status budget-status--${shade}`} data-shade={shade}>
      {t(`budgets.status.${shade}`)}
    </span>
  )
}
