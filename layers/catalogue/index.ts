/** Layer definitions and the catalogue's own table: what a layer is and how it is stored. */
export { ODBL, OSM_ATTRIBUTION, THEMES, TILE_MAXZOOM, type AttributeField, type AttributeType, type CitySlug, type GeometryKind, type LayerDefinition, type LayerStyle, type LocalizedText, publicAttribute, SOURCE_LICENCE_UNKNOWN, type ThemeId, type UpdateFrequency } from './layer-definition.ts'
export { dropDeletedLayerTables } from './layer-tables.queries.ts'
export { isoDate } from './iso-date.ts'
export { DEFAULT_LAYER_COLOR, findLayerContents, findLayerDefinition, holdsSyntheticData, findPublicLayer, type Layer, type LayerContents, listPublicLayers, publicAttributeNames, refreshLayerStats, saveLayerDefinition } from './layer.queries.ts'
