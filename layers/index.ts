/** The layer catalogue: definitions, importers, queries and the demo data. */
export * from './layer-definition.ts'
export type { DemoCity, DemoSource } from './demo/demo-source.ts'
export { DEMO_CITIES, DEMO_SOURCES } from './demo/manifest.ts'
export { demoDataState, isEmptyDatabase, seedDemoData, type DemoDataState } from './demo/seed-demo.ts'
export { DEPUTY_PROPERTIES, ELECTORAL_DISTRICTS_DEFINITION, ELECTORAL_DISTRICTS_LAYER, ensureElectoralDistricts } from './demo/electoral-districts.ts'
export type { LonLatBox } from './import/check-feature.ts'
export { formatImportReport, type ImportIssue, type ImportReport } from './import/import-report.ts'
export { importLayer, type ImportOptions, type LayerDraft } from './import/import-layer.ts'
export {
  DEFAULT_LAYER_COLOR,
  findLayerDefinition,
  findPublicLayer,
  listPublicLayers,
  publicAttributeNames,
  saveLayerDefinition,
  type Layer,
} from './layer.queries.ts'
export { findCity, listCities, listDistricts, type City, type District } from './city.queries.ts'
export { findPublicFeature, findPublicFeatures, streamPublicFeatures, type FeatureQuery, type PublicFeature } from './feature.queries.ts'
export { csvCell, csvExport, geoJsonExport } from './export.ts'
export { FEATURE_ADDRESS, foldAddress, HAS_ADDRESS, searchAddresses, type AddressMatch } from './address-search.ts'
