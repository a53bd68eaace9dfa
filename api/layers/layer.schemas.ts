/**
 * Request schemas of the public catalogue that other resources reuse. They are defined once, in
 * the API contract (`api/contract/common.ts`); these names keep their imports short.
 */
export { Bbox, Slug, SlugParams as LayerParams } from '../contract/index.ts'
