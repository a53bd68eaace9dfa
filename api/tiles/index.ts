/** Tiles, TileJSON and styles over HTTP, with the fast path that answers cached tiles before the app. */
export { tileFastPath } from './tile-fast-path.ts'
export { styleRoutes, tileRoutes } from './tile.routes.ts'
export { basemapRoutes } from './basemap.routes.ts'
export { glyphRoutes } from './glyph.routes.ts'
