import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { BarList } from './BarList.tsx'
import { DashboardHexMap } from './DashboardHexMap.tsx'
import { MonthlyChart } from './MonthlyChart.tsx'
import { StatsCards } from './StatsCards.tsx'
import type { PublicStats } from './stats-schemas.ts'
import { useStatsFormat } from './use-stats-format.ts'

/** Props of {@link DashboardFigures}. */
export interface DashboardFiguresProps {
  stats: PublicStats
  city: City
  language: Language
}

/** The figures of one answer: headline cards, the breakdowns, the months, the map and how it is all counted. */
export function DashboardFigures({ stats, city, language }: DashboardFiguresProps) {
  const { t } = useTranslation()
  const format = useStatsFormat(language)
  return (
    <>
      <p className="dashboard__period">{t('dashboard.period', { from: format.day(stats.from), to: format.day(stats.to) })}</p>
      <StatsCards stats={stats} format={format} />
      {stats.totals.synthetic > 0 && <p className="synthetic-note">{t('dashboard.synthetic', { count: format.count(stats.totals.synthetic) })}</p>}
      <div className="stats-grid">
        <BarList
          title={t('dashboard.charts.status')}
          bars={stats.by_status.map((s) => ({ key: s.status, label: t(`appealStatus.${s.status}`), count: s.count }))}
          format={format.count}
        />
        <BarList
          title={t('dashboard.charts.category')}
          bars={stats.by_category.map((c) => ({ key: c.id, label: pickText(c.name, language), count: c.count }))}
          format={format.count}
        />
        <BarList
          title={t('dashboard.charts.district')}
          bars={stats.by_district.map((d) => ({ key: String(d.id), label: d.name ?? t('dashboard.charts.noDistrict'), count: d.count }))}
          format={format.count}
        />
      </div>
      <MonthlyChart months={stats.by_month} format={format} />
      <DashboardHexMap city={city} from={stats.from} to={stats.to} />
      <section className="dashboard__definitions" aria-labelledby="dashboard-definitions">
        <h2 id="dashboard-definitions">{t('dashboard.definitions.title')}</h2>
        <p>{t('dashboard.definitions.text')}</p>
        <p className="field-hint">{t('dashboard.licence', { licence: stats.licence, attribution: stats.attribution })}</p>
      </section>
    </>
  )
}
