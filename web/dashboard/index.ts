/** The public dashboard of appeal figures, and the internal figures the office shows. */
export { DashboardLink } from './DashboardLink.tsx'
export { DashboardPage } from './DashboardPage.tsx'
export { InternalStats } from './InternalStats.tsx'
