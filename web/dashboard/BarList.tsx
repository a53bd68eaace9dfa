import { useId } from 'react'
import { useTranslation } from 'react-i18next'

/** One bar: a stable key, its label and its count. */
export interface Bar {
  key: string
  label: string
  count: number
}

/** Props of {@link BarList}. */
export interface BarListProps {
  title: string
  bars: readonly Bar[]
  /** Formats a count for the reader's locale. */
  format(count: number): string
}

/**
 * A horizontal bar chart that is a table: each row names a label and its count in text, and
 * the bar beside the number only repeats it for the eye, so screen readers and printouts read
 * the table and nothing is lost without the bars. Renders a short note when there are no bars.
 */
export function BarList({ title, bars, format }: BarListProps) {
  const { t } = useTranslation()
  const headingId = useId()
  const max = Math.max(1, ...bars.map((bar) => bar.count))
  return (
    <section className="stats-chart" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {bars.length === 0 ? (
        <p className="field-hint">{t('dashboard.charts.empty')}</p>
      ) : (
        <table className="bar-list">
          <caption className="visually-hidden">{title}</caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">{t('dashboard.charts.name')}</th>
              <th scope="col">{t('dashboard.charts.count')}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.key}>
                <th scope="row" className="bar-list__label">
                  {bar.label}
                </th>
                <td className="bar-list__cell">
                  <span className="bar-list__bar" style={{ width: `${(bar.count / max) * 100}%` }} aria-hidden="true" />
                  <span className="bar-list__value">{format(bar.count)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
