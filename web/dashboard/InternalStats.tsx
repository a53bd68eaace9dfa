import './dashboard.css'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { InternalStatsSchema, statsQuery, type WorkFigures } from './stats-schemas.ts'
import { useStatsFormat, type StatsFormat } from './use-stats-format.ts'

/** Props of {@link InternalStats}. */
export interface InternalStatsProps {
  cityId: string
  language: Language
  /** The window, `YYYY-MM-DD`; absent ends take the API's defaults (the last twelve months). */
  from?: string | undefined
  to?: string | undefined
}

const COLUMNS = ['load', 'overdue', 'resolved', 'inTerm', 'reopenRate', 'response'] as const

function figureCells(row: WorkFigures, format: StatsFormat, none: string): string[] {
  const share = (value: number | null) => (value === null ? none : format.share(value))
  return [
    format.count(row.load),
    format.count(row.overdue),
    format.count(row.resolved),
    share(row.resolved_in_term_share),
    share(row.reopen_rate),
    row.avg_response_days === null ? none : format.days(row.avg_response_days),
  ]
}

function WorkTable({ caption, nameHeader, rows, format }: { caption: string; nameHeader: string; rows: Array<{ key: string; name: string; figures: WorkFigures }>; format: StatsFormat }) {
  const { t } = useTranslation()
  return (
    <div className="stats-table-scroll">
      <table className="work-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{nameHeader}</th>
            {COLUMNS.map((column) => (
              <th key={column} scope="col">
                {t(`dashboard.internal.${column}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {figureCells(row.figures, format, t('dashboard.cards.none')).map((cell, i) => (
                <td key={COLUMNS[i]}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/**
 * The internal figures for staff: a table per organisation and one per executor, with the CSV.
 * The API limits a manager to her organisation; a reader without the right sees its problem.
 */
export function InternalStats({ cityId, language, from, to }: InternalStatsProps) {
  const { t } = useTranslation()
  const format = useStatsFormat(language)
  const query = statsQuery(cityId, { from, to })
  const stats = useApiResource(`/api/stats/internal?${query}`, InternalStatsSchema)
  return (
    <section className="internal-stats" aria-labelledby="internal-stats-title">
      <h2 id="internal-stats-title">{t('dashboard.internal.title')}</h2>
      {stats.status === 'loading' && <p role="status">{t('dashboard.loading')}</p>}
      {stats.status === 'failed' && (
        <div role="alert" className="problem-alert">
          <strong>{stats.problem.title}</strong>
          {stats.problem.detail && <p>{stats.problem.detail}</p>}
        </div>
      )}
      {stats.status === 'ready' && (
        <>
          <p className="dashboard__period">
            {t('dashboard.period', { from: format.day(stats.data.from), to: format.day(stats.data.to) })}{' '}
            <a className="button button--secondary button--small" href={`/api/stats/internal?${statsQuery(cityId, { from, to }, 'csv')}`} download>
              {t('dashboard.download')}
            </a>
          </p>
          <WorkTable
            caption={t('dashboard.internal.organisations')}
            nameHeader={t('dashboard.internal.name')}
            rows={stats.data.organisations.map((o) => ({ key: o.id, name: pickText(o.name, language), figures: o }))}
            format={format}
          />
          {stats.data.executors.length === 0 ? (
            <p className="field-hint">{t('dashboard.internal.noExecutors')}</p>
          ) : (
            <WorkTable
              caption={t('dashboard.internal.executors')}
              nameHeader={t('dashboard.internal.executor')}
              rows={stats.data.executors.map((e) => ({ key: String(e.id), name: e.name, figures: e }))}
              format={format}
            />
          )}
          <p className="field-hint">{t('dashboard.internal.definitions')}</p>
        </>
      )}
    </section>
  )
}
