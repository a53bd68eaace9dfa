import { useTranslation } from 'react-i18next'
import type { PublicStats } from './stats-schemas.ts'
import type { StatsFormat } from './use-stats-format.ts'

/** Props of {@link StatsCards}. */
export interface StatsCardsProps {
  stats: PublicStats
  format: StatsFormat
}

/** The four headline figures: filed, resolved in term, median days to resolve, overdue now. */
export function StatsCards({ stats, format }: StatsCardsProps) {
  const { t } = useTranslation()
  const { totals, resolution } = stats
  const none = t('dashboard.cards.none')
  const cards = [
    { key: 'total', value: format.count(totals.appeals), hint: undefined },
    {
      key: 'inTerm',
      value: resolution.in_term_share === null ? none : format.share(resolution.in_term_share),
      hint: t('dashboard.cards.inTermHint', { inTerm: format.count(resolution.in_term), resolved: format.count(resolution.resolved) }),
    },
    { key: 'median', value: resolution.median_days === null ? none : t('dashboard.cards.medianValue', { days: format.days(resolution.median_days) }), hint: undefined },
    { key: 'overdue', value: format.count(totals.overdue), hint: t('dashboard.cards.overdueHint', { open: format.count(totals.open) }) },
  ]
  return (
    <dl className="stats-cards" aria-label={t('dashboard.cards.label')}>
      {cards.map((card) => (
        <div key={card.key} className="stats-card" data-figure={card.key}>
          <dt>{t(`dashboard.cards.${card.key}`)}</dt>
          <dd className="stats-card__value">{card.value}</dd>
          {card.hint && <dd className="stats-card__hint">{card.hint}</dd>}
        </div>
      ))}
    </dl>
  )
}
