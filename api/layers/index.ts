/** The layer catalogue over HTTP: layers, features and exports. */
export { toPublicCity } from './layer.dto.ts'
export { layerRoutes } from './layer.routes.ts'
export { Bbox, LayerParams, Slug } from './layer.schemas.ts'
