/** Planners' uploads, layers made from them, their revisions, metadata, style and status. */
export { layerAdminRoutes, managedLayerRoutes } from './layer-admin.routes.ts'
export { layerUploadRoutes } from './layer-upload.routes.ts'
export type { PlanningDeps } from './planning-deps.ts'
export { managesEveryLayer, refuseOtherOrganisationsLayer } from './publisher-scope.ts'
export { pruneLayerUploads } from './upload-housekeeping.ts'
