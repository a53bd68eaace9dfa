import type { z } from 'zod'
import { InvestmentListQuery, PropertyListQuery } from '../../api/contract/index.ts'
import type { Language } from '../url-state/index.ts'
import { parsePolygonText } from './drawn-area.ts'
import type { AreaUnit } from './property-format.ts'

/**
 * The view of a list page as it lives in the URL, so that every view can be shared and restored:
 *
 *   /investment?city=kyiv&district=3&kind=land&area_min=10000&area_max=50000&area_unit=ha&selected=12&lang=en
 *
 * - the filters carry the API's own names and units (square metres, whole hryvnias), so the
 *   list, the map and the export links ask the API the very same question;
 * - `area_unit=ha` says the investor types areas in hectares (square metres when absent);
 * - `selected` is the object highlighted in the list and on the map, by its id;
 * - `offset` is the register page's first line;
 * - `lang` is kept only when chosen: without it the page speaks the browser's language.
 *
 * Each parameter is checked with the API's own schema: one the API would refuse is dropped.
 */

/** What a list page is: its path, its API route, and the filters that route takes (in URL order). */
export interface ListViewSpec<K extends string> {
  path: string
  api: string
  filters: readonly K[]
  schema: { shape: Record<string, z.ZodType> }
}

export const INVESTMENT_FILTERS = ['city', 'district', 'kind', 'area_min', 'area_max', 'purpose', 'status', 'deal', 'price_max', 'within'] as const
export type InvestmentFilter = (typeof INVESTMENT_FILTERS)[number]

export const PROPERTY_FILTERS = ['city', 'district', 'kind', 'status', 'area_min', 'area_max', 'purpose', 'q'] as const
export type PropertyFilter = (typeof PROPERTY_FILTERS)[number]

/** The investment map: `/investment` over `GET /api/investment/objects`. */
export const INVESTMENT_VIEW: ListViewSpec<InvestmentFilter> = { path: '/investment', api: '/api/investment/objects', filters: INVESTMENT_FILTERS, schema: InvestmentListQuery }

/** The property register: `/property` over `GET /api/property`. */
export const PROPERTY_VIEW: ListViewSpec<PropertyFilter> = { path: '/property', api: '/api/property', filters: PROPERTY_FILTERS, schema: PropertyListQuery }

/** The filters set, as the API takes them (text); an absent key is no filter. */
export type FilterValues<K extends string> = Partial<Record<K, string>>

/** Everything the URL says about a list page. */
export interface ListView<K extends string> {
  filters: FilterValues<K>
  areaUnit: AreaUnit
  selected?: number | undefined
  /** The first line of the page shown (the register pages its list). */
  offset: number
  lang?: Language | undefined
}

const POSITIVE_ID = /^[1-9][0-9]{0,14}$/
const WHOLE = /^(0|[1-9][0-9]{0,14})$/

/** Whether the API would take `value` for `key` (and, for a drawn area, whether it is a polygon). */
function accepts<K extends string>(spec: ListViewSpec<K>, key: K, value: string): boolean {
  if (value.trim() === '') return false
  if (key === 'within' && parsePolygonText(value) === undefined) return false
  return spec.schema.shape[key]?.safeParse(value).success ?? false
}

/**
 * Reads a list page's view from a query string (`location.search`). Parameters the API would
 * refuse are left out; an upper area bound below the lower one is dropped.
 * @example parseListView('?city=kyiv&kind=land', INVESTMENT_VIEW) // { filters: { city: 'kyiv', kind: 'land' }, areaUnit: 'm2', offset: 0, … }
 */
export function parseListView<K extends string>(search: string, spec: ListViewSpec<K>): ListView<K> {
  const params = new URLSearchParams(search)
  const filters: FilterValues<K> = {}
  for (const key of spec.filters) {
    const value = params.get(key)
    if (value !== null && accepts(spec, key, value)) filters[key] = value
  }
  const bounds = filters as FilterValues<string>
  if (bounds['area_min'] !== undefined && bounds['area_max'] !== undefined && Number(bounds['area_min']) > Number(bounds['area_max'])) delete bounds['area_max']
  const selected = params.get('selected') ?? ''
  const offset = params.get('offset') ?? ''
  const lang = params.get('lang')
  return {
    filters,
    areaUnit: params.get('area_unit') === 'ha' ? 'ha' : 'm2',
    selected: POSITIVE_ID.test(selected) ? Number(selected) : undefined,
    offset: WHOLE.test(offset) ? Number(offset) : 0,
    lang: lang === 'uk' || lang === 'en' ? lang : undefined,
  }
}

/** Writes a list page's view as a query string with a leading `?` (or `''` when nothing is set). */
export function formatListView<K extends string>(view: ListView<K>, spec: ListViewSpec<K>): string {
  const query = new URLSearchParams()
  for (const key of spec.filters) {
    const value = view.filters[key]
    if (value !== undefined && value !== '') query.set(key, value)
  }
  if (view.areaUnit === 'ha') query.set('area_unit', 'ha')
  if (view.selected !== undefined) query.set('selected', String(view.selected))
  if (view.offset > 0) query.set('offset', String(view.offset))
  if (view.lang) query.set('lang', view.lang)
  const search = query.toString()
  return search ? `?${search}` : ''
}

/** How to ask for a list: the format, and a page of it (an export asks for every match). */
export interface ListRequest {
  format: 'json' | 'geojson' | 'csv' | 'ics'
  limit?: number
  offset?: number
}

/**
 * The API's URL for the filters: the list, the map's GeoJSON and the export links all come from
 * here, so they answer the same question.
 */
export function listApiUrl<K extends string>(spec: ListViewSpec<K>, filters: FilterValues<K>, request: ListRequest): string {
  const query = new URLSearchParams()
  for (const key of spec.filters) {
    const value = filters[key]
    if (value !== undefined && value !== '') query.set(key, value)
  }
  query.set('format', request.format)
  if (request.limit !== undefined) query.set('limit', String(request.limit))
  if (request.offset !== undefined && request.offset > 0) query.set('offset', String(request.offset))
  return `${spec.api}?${query.toString()}`
}

/** The list page with these filters. */
export function sectionHref<K extends string>(spec: ListViewSpec<K>, filters: FilterValues<K>, lang: Language | undefined): string {
  return `${spec.path}${formatListView({ filters, areaUnit: 'm2', offset: 0, lang }, spec)}`
}

/** An object's page, in the language the URL chose (none: the browser's). */
export function objectHref<K extends string>(spec: ListViewSpec<K>, id: number, lang: Language | undefined): string {
  return `${spec.path}/${id}${lang ? `?lang=${lang}` : ''}`
}

/**
 * The filters as the query string of a saved search (`city=kyiv&kind=land&area_min=10000`): the
 * API's own parameters in URL order, without format, paging, selection or language.
 */
export function searchQuery<K extends string>(spec: ListViewSpec<K>, filters: FilterValues<K>): string {
  const query = new URLSearchParams()
  for (const key of spec.filters) {
    const value = filters[key]
    if (value !== undefined && value !== '') query.set(key, value)
  }
  return query.toString()
}
