import { useTranslation } from 'react-i18next'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import type { BudgetEdition, Precheck } from './budget-api.ts'
import { usePotName } from './use-pot-name.ts'

/**
 * What the city's data says about a proposal's place: its district and pot, the land under it
 * and who owns it, the plans it falls in, what is nearby, and the hints. Hints, not verdicts.
 */
export function PrecheckView({ precheck, pots, language, heading }: { precheck: Precheck; pots: BudgetEdition['pots'] | undefined; language: Language; heading: string }) {
  const { t } = useTranslation()
  const potName = usePotName(pots)
  const percent = new Intl.NumberFormat(language === 'uk' ? 'uk-UA' : 'en-GB', { style: 'percent', maximumFractionDigits: 0 })
  return (
    <section aria-labelledby="precheck-heading" className="planning-card budget-precheck" data-district={precheck.district?.name ?? ''}>
      <h2 id="precheck-heading">{heading}</h2>
      <p className="field-hint">{t('budgets.precheck.intro')}</p>
      <dl className="budget-facts">
        <dt>{t('budgets.precheck.district')}</dt>
        <dd className="budget-precheck__district">{precheck.district?.name ?? (precheck.pot === null ? t('budgets.precheck.noDistrict') : '—')}</dd>
      </dl>
      {precheck.pot && <p>{t('budgets.precheck.pot', { pot: potName(precheck.pot) })}</p>}
      {precheck.hints.length > 0 && (
        <>
          <h3>{t('budgets.precheck.hints')}</h3>
          <ul className="budget-precheck__hints">
            {precheck.hints.map((hint) => (
              <li key={hint.code} className={`budget-hint budget-hint--${hint.level}`} data-code={hint.code}>
                {pickText(hint.message, language)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('budgets.precheck.land')}</h3>
      {precheck.land.length === 0 ? (
        <p>{t('budgets.precheck.noLand')}</p>
      ) : (
        <ul className="budget-precheck__land">
          {precheck.land.map((parcel) => (
            <li key={`${parcel.layer}/${parcel.feature_id}`} data-ownership={parcel.ownership}>
              {parcel.cadnum ?? `#${parcel.feature_id}`}: <strong>{t(`budgets.precheck.ownership.${parcel.ownership}`)}</strong>
              {parcel.ownership_text && ` (${parcel.ownership_text})`}
              {parcel.purpose && ` · ${parcel.purpose}`} · {t('budgets.precheck.share', { share: percent.format(parcel.share) })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t('budgets.precheck.plans')}</h3>
      {precheck.plans.length === 0 ? (
        <p>{t('budgets.precheck.noPlans')}</p>
      ) : (
        <ul>
          {precheck.plans.map((plan) => (
            <li key={`${plan.layer}/${plan.feature_id}`}>
              {pickText(plan.title, language)}
              {plan.label && `: ${plan.label}`} ({t(`planning.status.${plan.status}`, { defaultValue: plan.status })})
            </li>
          ))}
        </ul>
      )}
      <h3>{t('budgets.precheck.nearby')}</h3>
      {precheck.nearby.length === 0 ? (
        <p>{t('budgets.precheck.noNearby')}</p>
      ) : (
        <ul>
          {precheck.nearby.map((item) => (
            <li key={`${item.kind}/${item.id}`}>
              {t(`budgets.precheck.kind.${item.kind}`)}: {item.url ? <a href={item.url}>{item.title}</a> : item.title} ({nearbyStatus(item.kind, item.status, t)},{' '}
              {t('budgets.precheck.distance', { distance: Math.round(item.distance_m) })})
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** A nearby item's status in words: an appeal's, a proposal's, or a repair's as its layer says it. */
function nearbyStatus(kind: string, status: string, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (kind === 'appeal') return t(`appealStatus.${status}`, { defaultValue: status })
  if (kind === 'proposal') return t(`budgets.status.${status}`, { defaultValue: status })
  return status
}
