/** The layer catalogue: definitions, importers, queries and the demo data. */
export { type AttributeField, type AttributeType, type CitySlug, DEFAULT_LAYER_COLOR, findLayerDefinition, findPublicLayer, type GeometryKind, type Layer, type LayerDefinition, type LayerStyle, listPublicLayers, type LocalizedText, publicAttributeNames, saveLayerDefinition, type ThemeId, THEMES } from './catalogue/index.ts'
export { DEMO_CITIES, DEMO_SOURCES, type DemoCity, demoDataState, type DemoDataState, type DemoSource, DEPUTY_PROPERTIES, ELECTORAL_DISTRICTS_DEFINITION, ELECTORAL_DISTRICTS_LAYER, ensureElectoralDistricts, isEmptyDatabase, seedDemoData } from './demo/index.ts'
export { formatImportReport, type ImportIssue, importLayer, type ImportOptions, type ImportReport, type LayerDraft, type LonLatBox } from './import/index.ts'
export { findCity, listCities, listDistricts, type City, type District } from './city.queries.ts'
export { findPublicFeature, findPublicFeatures, streamPublicFeatures, type FeatureQuery, type PublicFeature } from './feature.queries.ts'
export { csvCell, csvExport, geoJsonExport } from './export.ts'
export { FEATURE_ADDRESS, foldAddress, HAS_ADDRESS, searchAddresses, type AddressMatch } from './address-search.ts'
