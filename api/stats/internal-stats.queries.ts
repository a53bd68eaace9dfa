import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import type { InternalStats, InternalStatsQuery, WorkFigures } from '../contract/index.ts'
import { inWindow, isOpen, isOverdue, resolvedIn } from './stats.queries.ts'
import { DAY_DECIMALS, roundTo, shareOf } from './stats-rounding.ts'

/** Whose work a reader may see: every organisation of the city, or one (none when `id` is null). */
export type OrganisationScope = { kind: 'all' } | { kind: 'organisation'; id: string | null }

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
