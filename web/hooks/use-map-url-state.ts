import { useCallback, useMemo, useSyncExternalStore } from 'react'
import { formatMapUrl, parseMapUrl, type MapUrlState } from '../url-state/index.ts'

/** Who last changed the view: the map itself (a pan or zoom) or the app (history, a control). */
export type ViewOrigin = 'map' | 'app'

/** The URL state and the two ways to write it. */
export interface MapUrlStateHandle {
  state: MapUrlState
  /** Whether the current state came from the map moving; the map only jumps on `'app'`. */
  origin: ViewOrigin
  /**
   * Merges `patch` into the URL as it is now and replaces the current history entry (camera
   * moves, layer toggles). A key set to `undefined` is removed from the URL.
   */
  replace(patch: Partial<MapUrlState>, origin?: ViewOrigin): void
  /** Like `replace` but adds a history entry (selections, city changes), so Back returns to it. */
  push(patch: Partial<MapUrlState>): void
}

/** Fired on `window` after this module writes the URL; `popstate` covers Back and Forward. */
const URL_CHANGE_EVENT = 'hromada:urlchange'

let lastOrigin: ViewOrigin = 'app'

function subscribe(onChange: () => void): () => void {
  const onPopState = () => {
    lastOrigin = 'app'
    onChange()
  }
  window.addEventListener('popstate', onPopState)
  window.addEventListener(URL_CHANGE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onPopState)
    window.removeEventListener(URL_CHANGE_EVENT, onChange)
  }
}

const readSearch = () => window.location.search

function writeUrl(method: 'replaceState' | 'pushState', patch: Partial<MapUrlState>, origin: ViewOrigin): void {
  // Merge with the URL of this moment, not of the last render: two writes can share a render.
  const search = formatMapUrl({ ...parseMapUrl(window.location.search), ...patch })
  if (search === window.location.search) return
  lastOrigin = origin
  window.history[method](null, '', `${window.location.pathname}${search}${window.location.hash}`)
  window.dispatchEvent(new Event(URL_CHANGE_EVENT))
}

/**
 * The map view held in the URL (see `url-state.ts`), re-read on Back/Forward. The URL is the
 * single source of truth: components derive what they show from `state` and write changes back
 * through `replace` or `push`.
 */
export function useMapUrlState(): MapUrlStateHandle {
  const search = useSyncExternalStore(subscribe, readSearch)
  const state = useMemo(() => parseMapUrl(search), [search])
  const replace = useCallback(
    (patch: Partial<MapUrlState>, origin: ViewOrigin = 'app') => writeUrl('replaceState', patch, origin),
    [],
  )
  const push = useCallback((patch: Partial<MapUrlState>) => writeUrl('pushState', patch, 'app'), [])
  return { state, origin: lastOrigin, replace, push }
}
