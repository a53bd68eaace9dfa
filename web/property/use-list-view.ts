import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import type { Permission } from '../../api/contract/index.ts'
import { type City, CityListSchema, type District, DistrictListSchema, SessionSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import { type FilterValues, formatListView, parseListView, type ListView, type ListViewSpec } from './list-view.ts'
import { preferredLanguage } from './preferred-language.ts'

/** Fired on `window` after a list page writes its URL; `popstate` covers Back and Forward. */
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

/** A list page's view held in the URL, and the two ways to change it. */
export interface ListViewHandle<K extends string> {
  view: ListView<K>
  /** Merges `patch` into the view and replaces the history entry (typing in a filter, the language). */
  replace(patch: Partial<ListView<K>>): void
  /** Like `replace` but adds a history entry (a selection, a new page of the list), so Back returns to it. */
  push(patch: Partial<ListView<K>>): void
}

/**
 * The view of a list page (`list-view.ts`), re-read on Back/Forward. The URL is the single
 * source of truth: the filters, the selection and the page all come from it and go back into it.
 */
export function useListView<K extends string>(spec: ListViewSpec<K>): ListViewHandle<K> {
  const search = useSyncExternalStore(subscribe, readSearch)
  const view = useMemo(() => parseListView(search, spec), [search, spec])
  const write = useCallback(
    (method: 'replaceState' | 'pushState', patch: Partial<ListView<K>>) => {
      // Merge with the URL of this moment, not of the last render: two writes can share a render.
      const next = formatListView({ ...parseListView(window.location.search, spec), ...patch }, spec)
      if (next === window.location.search) return
      window.history[method](null, '', `${window.location.pathname}${next}${window.location.hash}`)
      window.dispatchEvent(new Event(URL_CHANGE_EVENT))
    },
    [spec],
  )
  const replace = useCallback((patch: Partial<ListView<K>>) => write('replaceState', patch), [write])
  const push = useCallback((patch: Partial<ListView<K>>) => write('pushState', patch), [write])
  return { view, replace, push }
}

/**
 * The language of the section's pages: `?lang=` when the URL names one, else the browser's
 * (English for a browser that prefers English to Ukrainian), kept in step with i18next.
 */
export function useSectionLanguage(lang: Language | undefined): Language {
  const { i18n } = useTranslation()
  const language = lang ?? preferredLanguage(navigator.languages ?? [navigator.language])
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language)
  }, [i18n, language])
  return language
}

/** The `lang` of the URL of a page that is not a list (an object page), read once per render. */
export function useUrlLanguage(): { lang: Language | undefined; setLanguage(language: Language): void } {
  const search = useSyncExternalStore(subscribe, readSearch)
  const raw = new URLSearchParams(search).get('lang')
  const lang = raw === 'uk' || raw === 'en' ? raw : undefined
  const setLanguage = useCallback((language: Language) => {
    const params = new URLSearchParams(window.location.search)
    params.set('lang', language)
    window.history.replaceState(null, '', `${window.location.pathname}?${params.toString()}${window.location.hash}`)
    window.dispatchEvent(new Event(URL_CHANGE_EVENT))
  }, [])
  return { lang, setLanguage }
}

/** What every list-and-map section page starts from: its view, language, city, districts, the user's right to write, and the selection. */
export interface SectionBasics<K extends string> extends ListViewHandle<K> {
  language: Language
  cities: City[]
  /** The city of the URL, else the first; undefined until the cities have loaded. */
  city: City | undefined
  /** The view's filters with the city filled in. */
  filters: FilterValues<K>
  districts: District[]
  /** Whether the signed-in user holds `permission` (the staff forms show only then). */
  manages: boolean
  /** Where the last selection was made: the map follows a list selection, the list a map one. */
  followFrom: 'list' | 'map' | undefined
  select(from: 'list' | 'map'): (id: number) => void
}

/**
 * The parts a section page (the register, the investment map, the works) shares: the URL view,
 * the language, the cities and the chosen city's districts, whether the user may write, and a
 * selection that keeps the list and the map in step.
 */
export function useSectionBasics<K extends string>(spec: ListViewSpec<K>, permission: Permission): SectionBasics<K> {
  const handle = useListView(spec)
  const { view, push } = handle
  const language = useSectionLanguage(view.lang)
  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((c) => c.id === (view.filters as Partial<Record<string, string>>).city) ?? cityList[0]
  const districts = useApiResource(city && `/api/cities/${encodeURIComponent(city.id)}/districts`, DistrictListSchema)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const [followFrom, setFollowFrom] = useState<'list' | 'map'>()
  return {
    ...handle,
    language,
    cities: cityList,
    city,
    filters: { ...view.filters, city: city?.id } as FilterValues<K>,
    districts: districts.status === 'ready' ? districts.data : [],
    manages: session.status === 'ready' && (session.data.user?.permissions.includes(permission) ?? false),
    followFrom,
    select: (from) => (id) => {
      setFollowFrom(from)
      push({ selected: id })
    },
  }
}
