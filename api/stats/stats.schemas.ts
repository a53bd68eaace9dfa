import { z } from 'zod'
import { Slug } from '../layers/index.ts'

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

const Format = z.enum(['json', 'csv'], 'must be json or csv').default('json')

/** `GET /api/stats/appeals`: a city, a window, and optionally categories and a district. */
export const PublicStatsQuery = z
  .object({
    city: Slug,
    from: StatsDay.optional(),
    to: StatsDay.optional(),
    category: z
      .string()
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
  .transform(withWindow)
export type PublicStatsQuery = z.infer<typeof PublicStatsQuery>

/** `GET /api/stats/internal`: a city and a window. */
export const InternalStatsQuery = z
  .object({
    city: Slug,
    from: StatsDay.optional(),
    to: StatsDay.optional(),
    format: Format,
  })
  .transform(withWindow)
export type InternalStatsQuery = z.infer<typeof InternalStatsQuery>
