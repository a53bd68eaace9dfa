/** Layer definitions and the catalogue's own table: what a layer is and how it is stored. */
export { ODBL, OSM_ATTRIBUTION, THEMES, TILE_MAXZOOM, type AttributeField, type AttributeType, type CitySlug, type GeometryKind, type LayerDefinition, type LayerStyle, type LocalizedText, publicAttribute, type ThemeId } from './layer-definition.ts'
export { dropDeletedLayerTables } from './layer-tables.queries.ts'
export { DEFAULT_LAYER_COLOR, findLayerDefinition, findPublicLayer, type Layer, listPublicLayers, publicAttributeNames, refreshLayerStats, saveLayerDefinition } from './layer.queries.ts'
