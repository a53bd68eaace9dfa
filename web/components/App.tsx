import { AccountPage, ConfirmEmailPage, ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage } from '../account/index.ts'
import { AppealPage, TrackingPage } from '../appeals/index.ts'
import { BudgetsPage, ProposalPage, ProposeWizardPage } from '../budgets/index.ts'
import { DashboardPage } from '../dashboard/index.ts'
import { DataPage, DataUsePage } from '../data/index.ts'
import { OfficeAppealPage, OfficePage } from '../office/index.ts'
import { ConsultationPage, PlanningCabinetPage, PlanningLayerPage, PlanningPage } from '../planning/index.ts'
import { InvestmentObjectPage, InvestmentPage, PropertyObjectPage, PropertyPage } from '../property/index.ts'
import { SearchPage } from '../search/index.ts'
import { WorkPage, WorksPage } from '../works/index.ts'
import { routeOf } from '../../api/contract/index.ts'
import { LayerLegend } from './LegendSwatch.tsx'
import { MapPage } from './MapPage.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'

/**
 * The app: the page its path names. Pages link to each other with ordinary links, so the path
 * is read once per load; within a page, history entries change only the query.
 */
export function App() {
  const route = routeOf(window.location.pathname)
  switch (route.page) {
    case 'map':
      return <MapPage />
    case 'appeal':
      return <AppealPage number={route.number} />
    case 'tracking':
      return <TrackingPage token={route.token} />
    case 'sign-in':
      return <SignInPage />
    case 'register':
      return <RegisterPage />
    case 'forgot-password':
      return <ForgotPasswordPage />
    case 'reset-password':
      return <ResetPasswordPage token={route.token} />
    case 'confirm-email':
      return <ConfirmEmailPage token={route.token} />
    case 'account':
      return <AccountPage />
    case 'office':
      return <OfficePage section={route.section} />
    case 'office-appeal':
      return <OfficeAppealPage number={route.number} />
    case 'dashboard':
      return <DashboardPage />
    case 'planning':
      return <PlanningPage Legend={LayerLegend} />
    case 'planning-cabinet':
      return <PlanningCabinetPage />
    case 'planning-consultation':
      return <ConsultationPage id={route.id} Legend={LayerLegend} />
    case 'planning-layer':
      return <PlanningLayerPage layerId={route.layerId} />
    case 'budgets':
      return <BudgetsPage />
    case 'budget-proposal':
      return <ProposalPage edition={route.edition} proposal={route.proposal} />
    case 'budget-propose':
      return <ProposeWizardPage edition={route.edition} />
    case 'property':
      return <PropertyPage />
    case 'property-object':
      return <PropertyObjectPage id={route.id} />
    case 'investment':
      return <InvestmentPage />
    case 'investment-object':
      return <InvestmentObjectPage id={route.id} />
    case 'works':
      return <WorksPage />
    case 'work':
      return <WorkPage id={route.id} />
    case 'search':
      return <SearchPage />
    case 'data':
      return <DataPage />
    case 'data-use':
      return <DataUsePage />
    case 'not-found':
      return <NotFoundPage />
  }
}
