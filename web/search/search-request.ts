import type { Language } from '../url-state/index.ts'
import { SearchResults, type SearchResult, type SearchKind, SEARCH_KINDS } from '../../api/contract/index.ts'

/** `GET /api/search`: the results, best first. */
export const SearchResultsSchema = SearchResults
export type { SearchKind, SearchResult }
export { SEARCH_KINDS }

/** The fewest characters (not counting spaces) worth asking the server about: it answers nothing for fewer. */
export const MIN_QUERY_LENGTH = 2

/** The results the header's list shows; the search page asks for the most the API gives. */
export const HEADER_LIMIT = 8
export const PAGE_LIMIT = 50

/**
 * The request for a search of `text` in a city, or undefined when the text is too short to search
 * (fewer than {@link MIN_QUERY_LENGTH} characters besides spaces). Layers and consultations are
 * titled in `language`.
 * @example searchUrl('kyiv', ' Хрещатик ', 8) // '/api/search?city=kyiv&q=%D0%A5…&limit=8'
 */
export function searchUrl(cityId: string, text: string, limit: number, language: Language = 'uk'): string | undefined {
  const query = text.trim()
  if ([...query.replace(/\s+/g, '')].length < MIN_QUERY_LENGTH) return undefined
  return `/api/search?city=${encodeURIComponent(cityId)}&q=${encodeURIComponent(query)}&limit=${limit}${language === 'uk' ? '' : `&lang=${language}`}`
}
