import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { inWindow, isOpen, isOverdue, resolvedIn } from './stats.queries.ts'
import { DAY_DECIMALS, roundTo, shareOf } from './stats-rounding.ts'
import type { InternalStatsQuery } from './stats.schemas.ts'

/** Whose work a reader may see: every organisation of the city, or one (none when `id` is null). */
export type OrganisationScope = { kind: 'all' } | { kind: 'organisation'; id: string | null }

/**
 * How an organisation or an executor does. Every appeal counts, private and synthetic ones
 * included, rejected and duplicate too. Figures over appeals filed in the window: `load`,
 * `overdue`, `avg_response_days`. Over appeals resolved in the window: `resolved`,
 * `resolved_in_term`, `reopened` and their shares.
 */
export interface WorkFigures {
  /** Filed in the window and still open now. */
  load: number
  /** Of `load`, past their due date now. */
  overdue: number
  /** Resolved in the window (status `resolved`, `resolved_at` in the window). */
  resolved: number
  /** Of those, resolved by their due date. */
  resolved_in_term: number
  /** `resolved_in_term / resolved`, four decimals; null when none. */
  resolved_in_term_share: number | null
  /** Of those resolved, reopened by their author at least once ("closed but not fixed"). */
  reopened: number
  /** `reopened / resolved`, four decimals; null when none. */
  reopen_rate: number | null
  /**
   * Mean days from filing to the first change of status by staff (the first timeline entry of
   * kind `status`: registering, assigning, starting, resolving, rejecting or marking a duplicate),
   * over appeals filed in the window that have one; one decimal; null when none.
   */
  avg_response_days: number | null
}

/** The internal figures: one row per organisation of the scope, one per executor who worked its appeals. */
export interface InternalStats {
  city: string
  from: string
  to: string
  /** The organisation the reader is limited to; null when they see every organisation. */
  organisation: string | null
  organisations: Array<{ id: string; name: LocalizedJson } & WorkFigures>
  /** Executors by name; no e-mail or other contact. */
  executors: Array<{ id: number; name: string } & WorkFigures>
}

type FigureRow = Omit<WorkFigures, 'resolved_in_term_share' | 'reopen_rate'>

/** The appeals of the city in the scope that were filed or resolved in the window (alias `w`). */
function worked(q: InternalStatsQuery, scope: OrganisationScope): RawBuilder<unknown> {
  const inScope = scope.kind === 'all' ? sql`true` : sql`a.organisation_id = ${scope.id}`
  const filed = inWindow(sql`a.created_at`, q)
  return sql`
    SELECT a.organisation_id, a.executor_id, ${filed} AS filed, ${resolvedIn(q)} AS resolved,
           ${isOpen} AS open, ${isOverdue} AS overdue,
           a.resolved_at <= a.due_at AS in_term, a.reopen_count > 0 AS reopened,
           (SELECT min(e.at) FROM appeal_events e WHERE e.appeal_id = a.id AND e.kind = 'status') - a.created_at AS response
      FROM appeals a
     WHERE a.city_id = ${q.city} AND ${inScope} AND (${filed} OR ${resolvedIn(q)})`
}

const FIGURES = sql`
  count(*) FILTER (WHERE w.filed AND w.open)::int AS load,
  count(*) FILTER (WHERE w.filed AND w.overdue)::int AS overdue,
  count(*) FILTER (WHERE w.resolved)::int AS resolved,
  count(*) FILTER (WHERE w.resolved AND w.in_term)::int AS resolved_in_term,
  count(*) FILTER (WHERE w.resolved AND w.reopened)::int AS reopened,
  (avg(extract(epoch FROM w.response) / 86400) FILTER (WHERE w.filed AND w.response IS NOT NULL))::float8 AS avg_response_days`

function toWorkFigures<T extends FigureRow>(row: T): T & WorkFigures {
  return {
    ...row,
    resolved_in_term_share: shareOf(row.resolved_in_term, row.resolved),
    reopen_rate: shareOf(row.reopened, row.resolved),
    avg_response_days: row.avg_response_days === null ? null : roundTo(row.avg_response_days, DAY_DECIMALS),
  }
}

/** Per organisation and per executor figures of `q.city` over `q`'s window, limited to `scope`. */
export async function internalAppealStats(db: Kysely<DB>, q: InternalStatsQuery, scope: OrganisationScope): Promise<InternalStats> {
  const orgInScope = scope.kind === 'all' ? sql`true` : sql`o.id = ${scope.id}`
  const [organisations, executors] = await Promise.all([
    sql<{ id: string; name: LocalizedJson } & FigureRow>`
      WITH w AS (${worked(q, scope)})
      SELECT o.id, o.name, ${FIGURES}
        FROM organisations o LEFT JOIN w ON w.organisation_id = o.id
       WHERE o.city_id = ${q.city} AND ${orgInScope}
       GROUP BY o.id, o.name ORDER BY o.id`.execute(db),
    sql<{ id: number; name: string } & FigureRow>`
      WITH w AS (${worked(q, scope)})
      SELECT u.id::int AS id, u.name, ${FIGURES}
        FROM w JOIN users u ON u.id = w.executor_id
       GROUP BY u.id, u.name ORDER BY u.name, u.id`.execute(db),
  ])
  return {
    city: q.city,
    from: q.from,
    to: q.to,
    organisation: scope.kind === 'all' ? null : scope.id,
    organisations: organisations.rows.map(toWorkFigures),
    executors: executors.rows.map(toWorkFigures),
  }
}
