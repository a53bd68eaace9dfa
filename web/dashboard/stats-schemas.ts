/**
 * Schemas of the statistics API (`/api/stats/…`): the contract's, validated at this edge like
 * every other payload. What each figure counts is documented in `docs/api.md` ("Dashboards").
 */
export { type InternalStats, InternalStats as InternalStatsSchema, type PublicStats, PublicStats as PublicStatsSchema, type WorkFigures } from '../../api/contract/index.ts'

/** The query string of a stats request: city and, when chosen, the window. */
export function statsQuery(cityId: string, window: { from?: string | undefined; to?: string | undefined }, format?: 'csv'): string {
  const query = new URLSearchParams({ city: cityId })
  if (window.from) query.set('from', window.from)
  if (window.to) query.set('to', window.to)
  if (format) query.set('format', format)
  return query.toString()
}
