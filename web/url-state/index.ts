/** What the URL holds: the map's view, the selected feature, the appeal filters and the language. */
export { APPEAL_VIEWS, type AppealFilter, type AppealView, type Camera, type FeatureRef, formatMapUrl, isEmptyAppealFilter, isSameFeature, type Language, LANGUAGES, LanguageSchema, type MapUrlState, parseMapUrl } from './url-state.ts'
