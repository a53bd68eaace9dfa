/** The module's pages, each loaded by the app's router only when its path is opened. */
export { InvestmentObjectPage } from './InvestmentObjectPage.tsx'
export { InvestmentPage } from './InvestmentPage.tsx'
export { PropertyObjectPage } from './PropertyObjectPage.tsx'
export { PropertyPage } from './PropertyPage.tsx'
