/** Layer exports: the writers of each format (GeoJSON, CSV + .csvt, GeoPackage, FlatGeobuf) and their helpers. */
export { typedValue, type TypedValue, withTypedProperties } from './attribute-values.ts'
export { csvCell, csvColumns, csvExport, csvtLine } from './csv.ts'
export { type ExportGeometryType, exportGeometryType } from './export-geometry.ts'
export { layerGeometryTypes } from './export.queries.ts'
export { writeFlatGeobuf } from './flatgeobuf.ts'
export { geoJsonExport } from './geojson.ts'
export { writeGeoPackage } from './geopackage.ts'
