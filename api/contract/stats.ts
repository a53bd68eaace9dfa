import { z } from 'zod'
import { LocalizedText, Slug } from './common.ts'
import { APPEAL_STATUSES } from './enums.ts'
import { apiRoute } from './route.ts'

/** The earliest and latest days a window may name: the platform's data lives in between. */
const EARLIEST_DAY = '2000-01-01'
const LATEST_DAY = '2100-12-31'
/** The longest window, in days (ten years): the monthly series stays small. */
const MAX_WINDOW_DAYS = 3660
/** The default window: the current month and the eleven before it. */
const DEFAULT_MONTHS = 12

const StatsDay = z.iso
  .date('must be a date YYYY-MM-DD')
  .refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, `must be between ${EARLIEST_DAY} and ${LATEST_DAY}`)

/** Calendar days in Kyiv, both inclusive: the span every figure of a request counts over. */
export interface StatsWindow {
  from: string
  to: string
}

/** Today's date in Kyiv, `YYYY-MM-DD`: the city's day, not the server's. */
function kyivToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv' }).format(now)
}

function dayNumber(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 86_400_000
}

/** The first day of the month `months` before the month of `day`. */
function monthStartBefore(day: string, months: number): string {
  const [year, month] = day.split('-').map(Number) as [number, number]
  const start = new Date(Date.UTC(year, month - 1 - months, 1))
  return start.toISOString().slice(0, 10)
}

/**
 * Fills in the window's defaults (to: today in Kyiv; from: the first day of the month eleven
 * months before `to`) and refuses an inverted or over-long one.
 */
function withWindow<T extends { from?: string | undefined; to?: string | undefined }>(query: T, ctx: z.RefinementCtx<T>): Omit<T, 'from' | 'to'> & StatsWindow {
  const to = query.to ?? kyivToday()
  const from = query.from ?? monthStartBefore(to, DEFAULT_MONTHS - 1)
  if (from > to) {
    ctx.addIssue({ code: 'custom', path: ['from'], message: `must not be after "to" (${to})` })
    return z.NEVER
  }
  if (dayNumber(to) - dayNumber(from) + 1 > MAX_WINDOW_DAYS) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `the window must be at most ${MAX_WINDOW_DAYS} days` })
    return z.NEVER
  }
  return { ...query, from, to }
}

const Format = z.enum(['json', 'csv'], 'must be json or csv').default('json').meta({ description: '`csv` for a table to download instead of JSON.' })

/** `GET /api/stats/appeals`: a city, a window, and optionally categories and a district. */
export const PublicStatsParams = z.object({
  city: Slug,
  from: StatsDay.optional().meta({ description: 'First day (Kyiv), inclusive; by default the first day of the month eleven months before `to`.' }),
  to: StatsDay.optional().meta({ description: 'Last day (Kyiv), inclusive; today by default.' }),
  category: z
    .string()
    .meta({ description: 'Category ids, comma-separated.' })
    .transform((s) => s.split(','))
    .pipe(z.array(Slug).min(1).max(50))
    .optional(),
  district: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, 'must be a district id (a positive integer)')
    .transform(Number)
    .optional(),
  format: Format,
})

/** {@link PublicStatsParams} with the window's defaults filled in and its length checked: what the server reads. */
export const PublicStatsQuery = PublicStatsParams.transform(withWindow)
export type PublicStatsQuery = z.infer<typeof PublicStatsQuery>

/** `GET /api/stats/internal`: a city and a window. */
export const InternalStatsParams = PublicStatsParams.pick({ city: true, from: true, to: true, format: true })

/** {@link InternalStatsParams} with the window filled in and checked. */
export const InternalStatsQuery = InternalStatsParams.transform(withWindow)
export type InternalStatsQuery = z.infer<typeof InternalStatsQuery>

const count = z.number().int().nonnegative()
const share = z.number().min(0).max(1)

/**
 * The public figures of a city's appeals over a window. Appeals filed in the window count in
 * `totals`, `by_status`, `by_category`, `by_district` and `by_month[].created`; appeals
 * resolved in it in `resolution` and `by_month[].resolved`.
 */
export const PublicStats = z
  .object({
    city: Slug,
    licence: z.string().meta({ description: 'The licence of the appeals layer the figures derive from.' }),
    attribution: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    filters: z.object({ category: z.array(Slug).nullable(), district: z.number().int().nullable() }),
    totals: z.object({
      appeals: count.meta({ description: 'Filed in the window, every status.' }),
      open: count.meta({ description: 'Of those, still waiting for an answer.' }),
      overdue: count.meta({ description: 'Of those, open and past their due date now.' }),
      synthetic: count.meta({ description: 'Of those, generated demo appeals.' }),
    }),
    by_status: z.array(z.object({ status: z.enum(APPEAL_STATUSES), count })),
    by_category: z.array(z.object({ id: Slug, name: LocalizedText, count })),
    by_district: z
      .array(z.object({ id: z.number().int().nullable(), name: z.string().nullable(), count }))
      .meta({ description: '`id` and `name` are null for appeals outside every mapped district.' }),
    by_month: z
      .array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), created: count, resolved: count }))
      .meta({ description: 'Every month the window touches, in order, zeros included.' }),
    resolution: z.object({
      resolved: count.meta({ description: 'Resolved in the window.' }),
      median_days: z.number().nullable().meta({ description: 'Median days from filing to resolution, one decimal; null when none.' }),
      in_term: count.meta({ description: 'Of those, resolved by their due date.' }),
      in_term_share: share.nullable().meta({ description: '`in_term / resolved`, four decimals; null when none.' }),
    }),
  })
  .meta({ id: 'PublicStats' })
export type PublicStats = z.infer<typeof PublicStats>

/**
 * How an organisation or an executor does. Every appeal counts, private and synthetic ones
 * included, rejected and duplicate too. Over appeals filed in the window: `load`, `overdue`,
 * `avg_response_days`; over appeals resolved in it: `resolved`, `resolved_in_term`, `reopened`
 * and their shares. Shares have four decimals and days one; each is null when there is nothing to count.
 */
export const WorkFigures = z
  .object({
    load: count.meta({ description: 'Filed in the window and still open now.' }),
    overdue: count.meta({ description: 'Of `load`, past their due date now.' }),
    resolved: count.meta({ description: 'Resolved in the window.' }),
    resolved_in_term: count,
    resolved_in_term_share: share.nullable(),
    reopened: count.meta({ description: 'Of those resolved, reopened by their author at least once.' }),
    reopen_rate: share.nullable(),
    avg_response_days: z
      .number()
      .nullable()
      .meta({ description: 'Mean days from filing to the first change of status by staff (the first timeline entry of kind `status`).' }),
  })
  .meta({ id: 'WorkFigures' })
export type WorkFigures = z.infer<typeof WorkFigures>

/** The internal figures: one row per organisation of the reader's scope, one per executor who worked its appeals. */
export const InternalStats = z
  .object({
    city: Slug,
    from: z.iso.date(),
    to: z.iso.date(),
    organisation: z.string().nullable().meta({ description: 'The organisation the reader is limited to; null when they see every one.' }),
    organisations: z.array(WorkFigures.extend({ id: Slug, name: LocalizedText })),
    executors: z.array(WorkFigures.extend({ id: z.number().int(), name: z.string() })).meta({ description: 'By name; no contact data.' }),
  })
  .meta({ id: 'InternalStats' })
export type InternalStats = z.infer<typeof InternalStats>

export const publicStatsRoute = apiRoute({
  method: 'get',
  path: '/api/stats/appeals',
  summary: "A city's public appeal figures",
  description: 'Public appeals only. Unknown cities, categories or districts are 400 with the field named.',
  tags: ['stats'],
  request: { query: PublicStatsParams },
  responses: {
    200: {
      description: 'The figures; with `format=csv` a table `figure,key,value` (UTF-8 with BOM) to download, its licence in `X-Licence`.',
      schema: PublicStats,
      alternatives: { 'text/csv': null },
    },
  },
})

export const internalStatsRoute = apiRoute({
  method: 'get',
  path: '/api/stats/internal',
  summary: 'Work figures per organisation and executor',
  description: 'Moderators see every organisation of the city, heads of organisations their own.',
  tags: ['stats'],
  request: { query: InternalStatsParams },
  responses: {
    200: { description: 'The figures; with `format=csv` one table of organisations then executors, to download.', schema: InternalStats, alternatives: { 'text/csv': null } },
  },
  security: ['session'],
  problems: [401, 403],
})

/** The routes of `/api/stats`. */
export const STATS_ROUTES = [publicStatsRoute, internalStatsRoute]
