import { type ComponentType, lazy, type ReactNode, Suspense } from 'react'
import { routeOf } from '../../api/contract/index.ts'
import { LayerLegend } from './LegendSwatch.tsx'
import { MapPage } from './MapPage.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'
import { PageLoading } from './PageLoading.tsx'

/** A page of a module loaded on demand: `load` brings the module's pages, `pick` names the one. */
function lazyPage<M, P extends object>(load: () => Promise<M>, pick: (pages: M) => ComponentType<P>) {
  return lazy(() => load().then((pages) => ({ default: pick(pages) })))
}

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
const AppealPage = lazyPage(appeals, (m) => m.AppealPage)
const TrackingPage = lazyPage(appeals, (m) => m.TrackingPage)
const SignInPage = lazyPage(account, (m) => m.SignInPage)
const RegisterPage = lazyPage(account, (m) => m.RegisterPage)
const ForgotPasswordPage = lazyPage(account, (m) => m.ForgotPasswordPage)
const ResetPasswordPage = lazyPage(account, (m) => m.ResetPasswordPage)
const ConfirmEmailPage = lazyPage(account, (m) => m.ConfirmEmailPage)
const AccountPage = lazyPage(account, (m) => m.AccountPage)
const OfficePage = lazyPage(office, (m) => m.OfficePage)
const OfficeAppealPage = lazyPage(office, (m) => m.OfficeAppealPage)
const DashboardPage = lazyPage(() => import('../dashboard/pages.ts'), (m) => m.DashboardPage)
const PlanningPage = lazyPage(planning, (m) => m.PlanningPage)
const PlanningCabinetPage = lazyPage(planning, (m) => m.PlanningCabinetPage)
const ConsultationPage = lazyPage(planning, (m) => m.ConsultationPage)
const PlanningLayerPage = lazyPage(planning, (m) => m.PlanningLayerPage)
const BudgetsPage = lazyPage(budgets, (m) => m.BudgetsPage)
const ProposalPage = lazyPage(budgets, (m) => m.ProposalPage)
const ProposeWizardPage = lazyPage(budgets, (m) => m.ProposeWizardPage)
const PropertyPage = lazyPage(property, (m) => m.PropertyPage)
const PropertyObjectPage = lazyPage(property, (m) => m.PropertyObjectPage)
const InvestmentPage = lazyPage(property, (m) => m.InvestmentPage)
const InvestmentObjectPage = lazyPage(property, (m) => m.InvestmentObjectPage)
const WorksPage = lazyPage(works, (m) => m.WorksPage)
const WorkPage = lazyPage(works, (m) => m.WorkPage)
const SearchPage = lazyPage(() => import('../search/pages.ts'), (m) => m.SearchPage)
const DataPage = lazyPage(data, (m) => m.DataPage)
const DataUsePage = lazyPage(data, (m) => m.DataUsePage)

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
