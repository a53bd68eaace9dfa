import { useTranslation } from 'react-i18next'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import type { BudgetEdition } from './budget-api.ts'
import { SyntheticBadge } from './BudgetBadges.tsx'
import { formatMoney } from './money.ts'
import { PhaseTimeline } from './PhaseTimeline.tsx'

/** An edition's title, total, rules, phases and the money of its districts (and classes). */
export function EditionOverview({ edition, language }: { edition: BudgetEdition; language: Language }) {
  const { t } = useTranslation()
  const locale = LOCALE_OF[language]
  const money = (amount: number) => formatMoney(amount, locale)
  const { rules } = edition
  return (
    <section aria-labelledby="edition-heading" className="budget-edition" data-edition-id={edition.id} data-phase={edition.phase ?? ''}>
      <h2 id="edition-heading">
        {edition.year} · {pickText(edition.title, language)} {edition.synthetic && <SyntheticBadge />}
      </h2>
      {pickText(edition.description, language) && <p>{pickText(edition.description, language)}</p>}
      <p className="budget-edition__total">{t('budgets.total', { money: money(edition.total) })}</p>
      {/* A past edition is loaded with its totals only: its rules are not known, so none are shown. */}
      {!edition.past && (
        <ul className="budget-edition__rules">
          <li>{rules.voting === 'approval' ? t('budgets.rules.approval', { count: rules.votes_per_voter }) : t('budgets.rules.knapsack')}</li>
          {(rules.min_cost > 0 || rules.max_cost !== null) && (
            <li>{rules.max_cost === null ? t('budgets.rules.cost', { min: money(rules.min_cost) }) : t('budgets.rules.costMax', { min: money(rules.min_cost), max: money(rules.max_cost) })}</li>
          )}
          <li>{rules.verified_only ? t('budgets.rules.verified') : t('budgets.rules.anyAccount')}</li>
        </ul>
      )}
      <PhaseTimeline phases={edition.phases} language={language} />
      <section aria-labelledby="money-heading">
        <h3 id="money-heading">{t('budgets.money.heading')}</h3>
        <div className="table-scroll">
          <table className="budget-table">
            <thead>
              <tr>
                <th scope="col">{t('budgets.money.pot')}</th>
                <th scope="col">{t('budgets.money.money')}</th>
                <th scope="col">{t('budgets.money.maxCost')}</th>
              </tr>
            </thead>
            <tbody>
              {edition.pots.map((pot) => (
                <tr key={pot.key} data-pot={pot.key}>
                  <th scope="row">
                    {pot.district?.name ?? t('budgets.money.city')}
                    {pot.size_class && ` · ${t(`budgets.money.${pot.size_class}`)}`}
                  </th>
                  <td>{money(pot.money)}</td>
                  <td>{pot.max_cost === null ? '—' : money(pot.max_cost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  )
}
