/** The public dashboard of appeal figures: the header's link and the internal figures the office shows (the page is in `pages.ts`). */
export { DashboardLink } from './DashboardLink.tsx'
export { InternalStats } from './InternalStats.tsx'
