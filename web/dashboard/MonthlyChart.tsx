import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { PublicStats } from './stats-schemas.ts'
import type { StatsFormat } from './use-stats-format.ts'

/** Props of {@link MonthlyChart}. */
export interface MonthlyChartProps {
  months: PublicStats['by_month']
  format: StatsFormat
}

const WIDTH = 640
const HEIGHT = 220
const AXIS = 36
const TOP = 16

/**
 * Filed and resolved appeals per month as paired columns in SVG, each column labelled with its
 * number. The picture is one image with a text summary for screen readers; the same numbers are
 * in a table under "show as a table".
 */
export function MonthlyChart({ months, format }: MonthlyChartProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const max = Math.max(1, ...months.map((m) => Math.max(m.created, m.resolved)))
  const slot = WIDTH / Math.max(1, months.length)
  const column = Math.max(2, slot * 0.36)
  const height = (count: number) => ((HEIGHT - AXIS - TOP) * count) / max
  // Numbers over the columns only fit while the columns are wide enough to read them.
  const labelled = slot >= 36
  const summary = months.length
    ? t('dashboard.charts.monthSummary', { first: format.month(months[0]!.month), last: format.month(months.at(-1)!.month), max: format.count(Math.max(...months.map((m) => m.created))) })
    : t('dashboard.charts.empty')
  return (
    <section className="stats-chart stats-chart--wide" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('dashboard.charts.month')}</h2>
      <ul className="stats-legend">
        <li className="stats-legend__created">{t('dashboard.charts.created')}</li>
        <li className="stats-legend__resolved">{t('dashboard.charts.resolved')}</li>
      </ul>
      <svg className="month-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary}>
        <line x1={0} x2={WIDTH} y1={HEIGHT - AXIS} y2={HEIGHT - AXIS} className="month-chart__axis" />
        {months.map((m, i) => {
          const x = i * slot + (slot - 2 * column) / 2
          return (
            <g key={m.month}>
              <rect className="month-chart__created" x={x} y={HEIGHT - AXIS - height(m.created)} width={column} height={height(m.created)} />
              <rect className="month-chart__resolved" x={x + column} y={HEIGHT - AXIS - height(m.resolved)} width={column} height={height(m.resolved)} />
              {labelled && (
                <>
                  <text x={x + column / 2} y={HEIGHT - AXIS - height(m.created) - 3} textAnchor="middle" className="month-chart__value">
                    {format.count(m.created)}
                  </text>
                  <text x={x + column * 1.5} y={HEIGHT - AXIS - height(m.resolved) - 3} textAnchor="middle" className="month-chart__value">
                    {format.count(m.resolved)}
                  </text>
                </>
              )}
              <text x={i * slot + slot / 2} y={HEIGHT - AXIS + 14} textAnchor="middle" className="month-chart__label">
                {format.monthName(m.month)}
              </text>
              {(i === 0 || m.month.endsWith('-01')) && (
                <text x={i * slot + slot / 2} y={HEIGHT - 4} textAnchor="middle" className="month-chart__label">
                  {m.month.slice(0, 4)}
                </text>
              )}
            </g>
          )
        })}
      </svg>
      <details className="stats-table">
        <summary>{t('dashboard.charts.table')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('dashboard.charts.monthColumn')}</th>
              <th scope="col">{t('dashboard.charts.created')}</th>
              <th scope="col">{t('dashboard.charts.resolved')}</th>
            </tr>
          </thead>
          <tbody>
            {months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{format.month(m.month)}</th>
                <td>{format.count(m.created)}</td>
                <td>{format.count(m.resolved)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  )
}
