/** OpenStreetMap extracts as a city's own basemap: streets, buildings, addresses, water, green areas, railways, places. */
export { formatOsmImportReport, importOsmExtract, type OsmImportOptions, type OsmImportReport } from './import-osm.ts'
export { osmLayerId } from './osm-layers.ts'
export { BASEMAP_KINDS, type BasemapKind } from './osm-tags.ts'
