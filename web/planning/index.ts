/** Planning: the public Planning section, and the planner's cabinet of uploads, layers, styles, statuses and versions. */
export { ConsultationPage, type ConsultationPageProps } from './ConsultationPage.tsx'
export { MapFrame, WithCityBasemap } from './FeatureMap.tsx'
export { PlanningCabinetPage } from './PlanningCabinetPage.tsx'
export { PlanningLayerPage } from './PlanningLayerPage.tsx'
export { PlanningPage, type PlanningPageProps } from './PlanningPage.tsx'
