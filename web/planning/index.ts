/** Planning: the map frame other sections share (the public Planning section, the planner's cabinet and consultations are pages, in `pages.ts`). */
export { MapFrame, WithCityBasemap } from './FeatureMap.tsx'
