/** OGC API Features at `/ogc`: the public layers as collections for QGIS, GDAL, ArcGIS and pygeoapi's clients. */
export { ogcRoutes } from './ogc.routes.ts'
export { CRS84, crsOf, OGC_CRS, type OgcCrs } from './ogc-crs.ts'
export { findItems } from './ogc-items.ts'
