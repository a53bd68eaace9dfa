/** Works: the calendar of a city's repairs and planned and emergency works beside their map, and a work's page. */
export { WorkPage } from './WorkPage.tsx'
export { WorksPage } from './WorksPage.tsx'
