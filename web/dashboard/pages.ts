/** The module's pages, each loaded by the app's router only when its path is opened. */
export { DashboardPage } from './DashboardPage.tsx'
