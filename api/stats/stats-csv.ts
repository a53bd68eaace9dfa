import { csvCell } from '../../layers/index.ts'
import type { InternalStats, PublicStats, WorkFigures } from '../contract/index.ts'

type Cell = string | number | null

/** Rows as CSV text: UTF-8 with a BOM so spreadsheets read the Cyrillic right, CRLF line ends (RFC 4180). */
function csvText(rows: Cell[][]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}

/**
 * The public figures as a tidy table `figure,key,value`: one row per number, the request
 * (city, window, filters), licence and attribution first. `key` is the status, category id,
 * district id (empty for appeals outside every district) or month; empty for single figures.
 * An absent figure (a median of nothing) has an empty value.
 */
export function publicStatsCsv(stats: PublicStats): string {
  const { totals, resolution } = stats
  const rows: Cell[][] = [
    ['figure', 'key', 'value'],
    ['city', '', stats.city],
    ['from', '', stats.from],
    ['to', '', stats.to],
    ...(stats.filters.category ?? []).map((id) => ['filter.category', '', id]),
    ...(stats.filters.district === null ? [] : [['filter.district', '', stats.filters.district]]),
    ['licence', '', stats.licence],
    ['attribution', '', stats.attribution],
    ['totals.appeals', '', totals.appeals],
    ['totals.open', '', totals.open],
    ['totals.overdue', '', totals.overdue],
    ['totals.synthetic', '', totals.synthetic],
    ...stats.by_status.map((s) => ['by_status', s.status, s.count]),
    ...stats.by_category.map((c) => ['by_category', c.id, c.count]),
    ...stats.by_district.map((d) => ['by_district', d.id, d.count]),
    ...stats.by_month.map((m) => ['created_per_month', m.month, m.created]),
    ...stats.by_month.map((m) => ['resolved_per_month', m.month, m.resolved]),
    ['resolution.resolved', '', resolution.resolved],
    ['resolution.median_days', '', resolution.median_days],
    ['resolution.in_term', '', resolution.in_term],
    ['resolution.in_term_share', '', resolution.in_term_share],
  ]
  return csvText(rows)
}

const FIGURE_COLUMNS = ['load', 'overdue', 'resolved', 'resolved_in_term', 'resolved_in_term_share', 'reopened', 'reopen_rate', 'avg_response_days'] as const satisfies ReadonlyArray<keyof WorkFigures>

/**
 * The internal figures as one table: a row per organisation (named in Ukrainian), then a row
 * per executor, each with the columns of `WorkFigures`; absent averages and shares are empty.
 */
export function internalStatsCsv(stats: InternalStats): string {
  const figures = (row: WorkFigures) => FIGURE_COLUMNS.map((column) => row[column])
  return csvText([
    ['scope', 'id', 'name', ...FIGURE_COLUMNS],
    ...stats.organisations.map((o) => ['organisation', o.id, o.name.uk, ...figures(o)]),
    ...stats.executors.map((e) => ['executor', e.id, e.name, ...figures(e)]),
  ])
}
