/** What the URL holds: the map's view, the selected feature, the appeal filters, a pinned place, the search and the language. */
export { APPEAL_VIEWS, type AppealFilter, type AppealView, type Camera, type FeatureRef, formatMapUrl, isEmptyAppealFilter, isSameFeature, type Language, LANGUAGES, LanguageSchema, type MapUrlState, parseMapUrl, type Pin } from './url-state.ts'
