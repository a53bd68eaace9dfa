/** The participatory budget: the section with its map and list, the ballot and the results; a project's page; the proposal wizard. */
export { BudgetsPage } from './BudgetsPage.tsx'
export { ProposalPage, type ProposalPageProps } from './ProposalPage.tsx'
export { ProposeWizardPage } from './ProposeWizardPage.tsx'
