import type { Language } from '../url-state/index.ts'

/** A cabinet path with the city and the language in the query (Ukrainian is the default and stays out). */
export function cabinetHref(path: string, language: Language, cityId?: string): string {
  const query = new URLSearchParams()
  if (cityId) query.set('city', cityId)
  if (language !== 'uk') query.set('lang', language)
  const search = query.toString()
  return search ? `${path}?${search}` : path
}

/** The editor of one layer. */
export const layerEditorHref = (layerId: string, language: Language, cityId?: string) =>
  cabinetHref(`/planning/cabinet/layers/${encodeURIComponent(layerId)}`, language, cityId)
