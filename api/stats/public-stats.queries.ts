import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { APPEAL_STATUSES, type AppealStatus } from '../appeals/index.ts'
import type { PublicStats, PublicStatsQuery, StatsWindow } from '../contract/index.ts'
import { daysToResolution, inWindow, isOpen, isOverdue, kyivMonth, resolvedIn } from './stats.queries.ts'
import { DAY_DECIMALS, roundTo, shareOf } from './stats-rounding.ts'

interface CreatedRow {
  figure: 'status' | 'category' | 'district' | 'month' | 'total'
  status: AppealStatus | null
  category_id: string | null
  category_name: LocalizedJson | null
  district_id: number | null
  district_name: string | null
  month: string | null
  count: number
  open: number
  overdue: number
  synthetic: number
}

interface ResolvedRow {
  month: string | null
  count: number
  in_term: number
  median_days: number | null
}

/** The public appeals of the city that pass the category and district filters (alias `a`). */
function publicScope(q: PublicStatsQuery): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`a.is_public`, sql`a.city_id = ${q.city}`]
  if (q.category) where.push(sql`a.category_id = ANY(${q.category}::text[])`)
  if (q.district) where.push(sql`a.district_id = ${q.district}`)
  return sql.join(where, sql` AND `)
}

async function filedInWindow(db: Kysely<DB>, q: PublicStatsQuery): Promise<CreatedRow[]> {
  const { rows } = await sql<CreatedRow>`
    WITH filed AS (
      SELECT a.status, a.category_id, a.district_id, ${kyivMonth(sql`a.created_at`)} AS month,
             ${isOpen} AS open, ${isOverdue} AS overdue, a.synthetic
        FROM appeals a
       WHERE ${publicScope(q)} AND ${inWindow(sql`a.created_at`, q)})
    SELECT CASE WHEN grouping(f.status) = 0 THEN 'status'
                WHEN grouping(c.id) = 0 THEN 'category'
                WHEN grouping(f.district_id) = 0 THEN 'district'
                WHEN grouping(f.month) = 0 THEN 'month'
                ELSE 'total' END AS figure,
           f.status, c.id AS category_id, c.name AS category_name, f.district_id, d.name AS district_name, f.month,
           count(*)::int AS count,
           count(*) FILTER (WHERE f.open)::int AS open,
           count(*) FILTER (WHERE f.overdue)::int AS overdue,
           count(*) FILTER (WHERE f.synthetic)::int AS synthetic
      FROM filed f JOIN appeal_categories c ON c.id = f.category_id
      LEFT JOIN districts d ON d.id = f.district_id
     GROUP BY GROUPING SETS ((f.status), (c.id, c.name), (f.district_id, d.name), (f.month), ())`.execute(db)
  return rows
}

async function resolvedInWindow(db: Kysely<DB>, q: PublicStatsQuery): Promise<ResolvedRow[]> {
  const { rows } = await sql<ResolvedRow>`
    WITH resolved AS (
      SELECT ${kyivMonth(sql`a.resolved_at`)} AS month, ${daysToResolution} AS days, a.resolved_at <= a.due_at AS in_term
        FROM appeals a
       WHERE ${publicScope(q)} AND ${resolvedIn(q)})
    SELECT CASE WHEN grouping(r.month) = 0 THEN r.month END AS month,
           count(*)::int AS count,
           count(*) FILTER (WHERE r.in_term)::int AS in_term,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY r.days) AS median_days
      FROM resolved r
     GROUP BY GROUPING SETS ((r.month), ())`.execute(db)
  return rows
}

/** Every `YYYY-MM` from the window's first month to its last. */
function windowMonths(window: StatsWindow): string[] {
  const months: string[] = []
  let [year, month] = window.from.split('-').map(Number) as [number, number]
  const last = window.to.slice(0, 7)
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`
    months.push(key)
    if (key >= last) return months
    month = month === 12 ? 1 : month + 1
    if (month === 1) year += 1
  }
}

/** Licence of the figures: that of the `<city>-appeals` layers they are counted from. */
const STATS_LICENCE = 'CC-BY-4.0'
const STATS_ATTRIBUTION = 'Hromada Map residents'

/**
 * The public figures of `q.city` over `q`'s window and filters. Only public appeals count
 * (`is_public`); every status counts, rejected and duplicate included, and synthetic demo
 * appeals count like any other (`totals.synthetic` says how many there are). Two sets of
 * appeals are counted:
 * - filed in the window (`created_at` on a day from `from` to `to`, Kyiv time): `totals`,
 *   `by_status`, `by_category`, `by_district` and `by_month[].created`; `open` and `overdue` are
 *   their state now;
 * - resolved in the window (status `resolved` now, `resolved_at` in the window, whenever filed):
 *   `resolution` and `by_month[].resolved`.
 */
export async function publicAppealStats(db: Kysely<DB>, q: PublicStatsQuery): Promise<PublicStats> {
  const [filed, resolved] = await Promise.all([filedInWindow(db, q), resolvedInWindow(db, q)])
  const total = filed.find((r) => r.figure === 'total')
  const of = (figure: CreatedRow['figure']) => filed.filter((r) => r.figure === figure)
  const createdIn = new Map(of('month').map((r) => [r.month!, r.count]))
  const resolvedIn = new Map(resolved.filter((r) => r.month !== null).map((r) => [r.month!, r.count]))
  const overall = resolved.find((r) => r.month === null)
  const resolvedCount = overall?.count ?? 0
  const inTerm = overall?.in_term ?? 0
  return {
    city: q.city,
    licence: STATS_LICENCE,
    attribution: STATS_ATTRIBUTION,
    from: q.from,
    to: q.to,
    filters: { category: q.category ?? null, district: q.district ?? null },
    totals: { appeals: total?.count ?? 0, open: total?.open ?? 0, overdue: total?.overdue ?? 0, synthetic: total?.synthetic ?? 0 },
    by_status: APPEAL_STATUSES.map((status) => ({ status, count: of('status').find((r) => r.status === status)?.count ?? 0 })),
    by_category: of('category')
      .map((r) => ({ id: r.category_id!, name: r.category_name!, count: r.count }))
      .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id)),
    by_district: of('district')
      .map((r) => ({ id: r.district_id, name: r.district_name, count: r.count }))
      // Appeals outside every district come last whatever their count.
      .sort((a, b) => Number(a.id === null) - Number(b.id === null) || b.count - a.count || (a.name ?? '').localeCompare(b.name ?? '', 'uk')),
    by_month: windowMonths(q).map((month) => ({ month, created: createdIn.get(month) ?? 0, resolved: resolvedIn.get(month) ?? 0 })),
    resolution: {
      resolved: resolvedCount,
      median_days: overall?.median_days == null ? null : roundTo(overall.median_days, DAY_DECIMALS),
      in_term: inTerm,
      in_term_share: shareOf(inTerm, resolvedCount),
    },
  }
}
