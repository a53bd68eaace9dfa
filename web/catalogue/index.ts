/** The layer catalogue as the map page shows it: themes, their order and the layers on by default. */
export { defaultLayerIds, isWorksLayer } from './default-layers.ts'
export { groupCatalogue } from './theme-groups.ts'
