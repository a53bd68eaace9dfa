/** The module's pages, each loaded by the app's router only when its path is opened. */
export { ConsultationPage, type ConsultationPageProps } from './ConsultationPage.tsx'
export { PlanningCabinetPage } from './PlanningCabinetPage.tsx'
export { PlanningLayerPage } from './PlanningLayerPage.tsx'
export { PlanningPage, type PlanningPageProps } from './PlanningPage.tsx'
