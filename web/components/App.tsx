import { lazy, type ReactNode, Suspense } from 'react'
import { routeOf } from '../../api/contract/index.ts'
import { LayerLegend } from './LegendSwatch.tsx'
import { MapPage } from './MapPage.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { PageLoading } from './PageLoading.tsx'

// Every page but the map is a chunk of its own, loaded when its path is opened: the map page,
// where most visits start, carries no office, dashboard, budget or planning code.
const account = () => import('../account/pages.ts')
const appeals = () => import('../appeals/pages.ts')
const budgets = () => import('../budgets/index.ts')
const planning = () => import('../planning/pages.ts')
const property = () => import('../property/pages.ts')
const office = () => import('../office/index.ts')
const works = () => import('../works/index.ts')
const data = () => import('../data/index.ts')
const AppealPage = lazy(() => appeals().then((m) => ({ default: m.AppealPage })))
const TrackingPage = lazy(() => appeals().then((m) => ({ default: m.TrackingPage })))
const SignInPage = lazy(() => account().then((m) => ({ default: m.SignInPage })))
const RegisterPage = lazy(() => account().then((m) => ({ default: m.RegisterPage })))
const ForgotPasswordPage = lazy(() => account().then((m) => ({ default: m.ForgotPasswordPage })))
const ResetPasswordPage = lazy(() => account().then((m) => ({ default: m.ResetPasswordPage })))
const ConfirmEmailPage = lazy(() => account().then((m) => ({ default: m.ConfirmEmailPage })))
const AccountPage = lazy(() => account().then((m) => ({ default: m.AccountPage })))
const OfficePage = lazy(() => office().then((m) => ({ default: m.OfficePage })))
const OfficeAppealPage = lazy(() => office().then((m) => ({ default: m.OfficeAppealPage })))
const DashboardPage = lazy(() => import('../dashboard/pages.ts').then((m) => ({ default: m.DashboardPage })))
const PlanningPage = lazy(() => planning().then((m) => ({ default: m.PlanningPage })))
const PlanningCabinetPage = lazy(() => planning().then((m) => ({ default: m.PlanningCabinetPage })))
const ConsultationPage = lazy(() => planning().then((m) => ({ default: m.ConsultationPage })))
const PlanningLayerPage = lazy(() => planning().then((m) => ({ default: m.PlanningLayerPage })))
const BudgetsPage = lazy(() => budgets().then((m) => ({ default: m.BudgetsPage })))
const ProposalPage = lazy(() => budgets().then((m) => ({ default: m.ProposalPage })))
const ProposeWizardPage = lazy(() => budgets().then((m) => ({ default: m.ProposeWizardPage })))
const PropertyPage = lazy(() => property().then((m) => ({ default: m.PropertyPage })))
const PropertyObjectPage = lazy(() => property().then((m) => ({ default: m.PropertyObjectPage })))
const InvestmentPage = lazy(() => property().then((m) => ({ default: m.InvestmentPage })))
const InvestmentObjectPage = lazy(() => property().then((m) => ({ default: m.InvestmentObjectPage })))
const WorksPage = lazy(() => works().then((m) => ({ default: m.WorksPage })))
const WorkPage = lazy(() => works().then((m) => ({ default: m.WorkPage })))
const SearchPage = lazy(() => import('../search/pages.ts').then((m) => ({ default: m.SearchPage })))
const DataPage = lazy(() => data().then((m) => ({ default: m.DataPage })))
const DataUsePage = lazy(() => data().then((m) => ({ default: m.DataUsePage })))

/**
 * The app: the page its path names. Pages link to each other with ordinary links, so the path
 * is read once per load; within a page, history entries change only the query.
 */
export function App() {
  return <Suspense fallback={<PageLoading />}>{pageOf(routeOf(window.location.pathname))}</Suspense>
}

function pageOf(route: ReturnType<typeof routeOf>): ReactNode {
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
