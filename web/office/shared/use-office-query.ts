import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { formatOfficeQuery, parseOfficeQuery, type OfficeQuery } from './office-query.ts'

// The same event the map's URL state listens to, so `usePageLanguage` sees a new `lang` at once.
const URL_CHANGE_EVENT = 'hromada:urlchange'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(URL_CHANGE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(URL_CHANGE_EVENT, onChange)
  }
}

const readSearch = () => window.location.search

/**
 * The office query of the current URL and a way to change it: `update` merges a patch into the
 * query as it is now (a key set to `undefined` is removed) and replaces the history entry, or
 * with `push` adds one, so Back returns to the previous filters.
 */
export function useOfficeQuery(): { query: OfficeQuery; update(patch: Partial<OfficeQuery>, push?: boolean): void } {
  const search = useSyncExternalStore(subscribe, readSearch)
  const query = useMemo(() => parseOfficeQuery(search), [search])
  const update = useCallback((patch: Partial<OfficeQuery>, push = false) => {
    const next = formatOfficeQuery({ ...parseOfficeQuery(window.location.search), ...patch })
    if (next === window.location.search) return
    window.history[push ? 'pushState' : 'replaceState'](null, '', `${window.location.pathname}${next}`)
    window.dispatchEvent(new Event(URL_CHANGE_EVENT))
  }, [])
  return { query, update }
}
