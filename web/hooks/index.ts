/** Hooks every section shares: API resources, the page's language, the map's URL state, the Escape key. */
export { type ApiResource, useApiResource } from './use-api-resource.ts'
export { useEscapeKey } from './use-escape-key.ts'
export { useMapUrlState, type ViewOrigin } from './use-map-url-state.ts'
export { usePageLanguage } from './use-page-language.ts'
