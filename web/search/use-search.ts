import { useEffect, useState } from 'react'
import type { Problem } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import { type SearchResult, SearchResultsSchema, searchUrl } from './search-request.ts'

/** Typing pauses this long before the box asks the server. */
export const DEBOUNCE_MS = 250

/** Where a search stands: nothing asked (too short), waiting, the results, or why it failed. */
export type SearchState =
  | { status: 'idle'; results: readonly SearchResult[] }
  | { status: 'loading'; results: readonly SearchResult[] }
  | { status: 'ready'; results: readonly SearchResult[] }
  | { status: 'failed'; results: readonly SearchResult[]; problem: Problem }

const NO_RESULTS: readonly SearchResult[] = []

/** `value` once it has stopped changing for `delayMs` (at once when `delayMs` is 0). */
function useSettled(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value)
  useEffect(() => {
    if (delayMs === 0) return
    const timer = setTimeout(() => setSettled(value), delayMs)
    return () => clearTimeout(timer)
  }, [value, delayMs])
  return delayMs === 0 ? value : settled
}

/**
 * The results of searching `text` in a city, asked once typing has paused for `debounceMs`. Text
 * too short to search asks nothing (`idle`); while a newer answer is on its way the last results
 * stay, so the list does not flicker empty between keystrokes.
 */
export function useSearch(cityId: string | undefined, text: string, limit: number, language: Language, debounceMs = DEBOUNCE_MS): SearchState {
  const settled = useSettled(text.trim(), debounceMs)
  const url = cityId ? searchUrl(cityId, settled, limit, language) : undefined
  const resource = useApiResource(url, SearchResultsSchema)
  const [last, setLast] = useState<readonly SearchResult[]>(NO_RESULTS)
  const ready = resource.status === 'ready' ? resource.data.results : undefined
  useEffect(() => {
    if (ready) setLast(ready)
  }, [ready])
  if (!url) return { status: 'idle', results: NO_RESULTS }
  if (resource.status === 'ready') return { status: 'ready', results: resource.data.results }
  if (resource.status === 'failed') return { status: 'failed', results: NO_RESULTS, problem: resource.problem }
  return { status: 'loading', results: last }
}
