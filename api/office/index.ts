/** The back office: work queues, triage, the executor's work steps and the deadline worker. */
export { startDeadlineWorker } from './deadlines.ts'
export { officeRoutes } from './office.routes.ts'
export { listOrganisations } from './office.queries.ts'
