import { z } from 'zod'
import { LocalizedTextSchema } from '../api-client/api-schemas.ts'
import { AppealStatusSchema } from '../api-client/appeal-schemas.ts'

/**
 * Schemas of the statistics API (`/api/stats/…`), validated at this edge like every other
 * payload. What each figure counts is documented in `docs/api.md` ("Dashboards").
 */

const count = z.number().int().nonnegative()
const IsoDay = z.iso.date()

/** `GET /api/stats/appeals`: the public figures of a city over a window. */
export const PublicStatsSchema = z.object({
  city: z.string(),
  licence: z.string(),
  attribution: z.string(),
  from: IsoDay,
  to: IsoDay,
  totals: z.object({ appeals: count, open: count, overdue: count, synthetic: count }),
  by_status: z.array(z.object({ status: AppealStatusSchema, count })),
  by_category: z.array(z.object({ id: z.string(), name: LocalizedTextSchema, count })),
  by_district: z.array(z.object({ id: z.number().int().nullable(), name: z.string().nullable(), count })),
  by_month: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), created: count, resolved: count })),
  resolution: z.object({
    resolved: count,
    median_days: z.number().nullable(),
    in_term: count,
    in_term_share: z.number().min(0).max(1).nullable(),
  }),
})
export type PublicStats = z.infer<typeof PublicStatsSchema>

const WorkFiguresSchema = z.object({
  load: count,
  overdue: count,
  resolved: count,
  resolved_in_term: count,
  resolved_in_term_share: z.number().min(0).max(1).nullable(),
  reopened: count,
  reopen_rate: z.number().min(0).max(1).nullable(),
  avg_response_days: z.number().nullable(),
})
export type WorkFigures = z.infer<typeof WorkFiguresSchema>

/** `GET /api/stats/internal`: per organisation and per executor, for staff. */
export const InternalStatsSchema = z.object({
  city: z.string(),
  from: IsoDay,
  to: IsoDay,
  organisation: z.string().nullable(),
  organisations: z.array(WorkFiguresSchema.extend({ id: z.string(), name: LocalizedTextSchema })),
  executors: z.array(WorkFiguresSchema.extend({ id: z.number().int(), name: z.string() })),
})
export type InternalStats = z.infer<typeof InternalStatsSchema>

/** The query string of a stats request: city and, when chosen, the window. */
export function statsQuery(cityId: string, window: { from?: string | undefined; to?: string | undefined }, format?: 'csv'): string {
  const query = new URLSearchParams({ city: cityId })
  if (window.from) query.set('from', window.from)
  if (window.to) query.set('to', window.to)
  if (format) query.set('format', format)
  return query.toString()
}
