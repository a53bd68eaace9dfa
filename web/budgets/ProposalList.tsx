import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { LOCALE_OF } from '../i18n/index.ts'
import { FieldSelect } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { PROPOSAL_STATUSES, type BudgetProposal, type ProposalStatus } from './budget-api.ts'
import { ProposalStatusBadge, SyntheticBadge } from './BudgetBadges.tsx'
import { proposalHref } from './budget-links.ts'
import { formatMoney } from './money.ts'
import { listProposals, PROPOSAL_SORTS, type ProposalListView, type ProposalSort } from './proposal-list.ts'

/**
 * The proposals as a list, the map's equivalent for those who do not use it: each with its
 * status (or outcome), district, cost and votes, filtered by district and status and sorted.
 */
export function ProposalList({ proposals, language }: { proposals: readonly BudgetProposal[]; language: Language }) {
  const { t } = useTranslation()
  const locale = LOCALE_OF[language]
  const [view, setView] = useState<ProposalListView>({ sort: 'newest' })
  const districts = [...new Map(proposals.flatMap((p) => (p.district ? [[p.district.id, p.district.name] as const] : []))).entries()].sort((a, b) => a[1].localeCompare(b[1], locale))
  const shown = listProposals(proposals, view, locale)
  return (
    <section aria-labelledby="proposals-heading" className="budget-proposals">
      <h2 id="proposals-heading">{t('budgets.list.heading')}</h2>
      <div className="budget-proposals__filters">
        <FieldSelect
          label={t('budgets.list.district')}
          value={view.district === undefined ? '' : String(view.district)}
          empty={t('budgets.list.allDistricts')}
          options={districts.map(([id, name]) => ({ value: String(id), label: name }))}
          onChange={(value) => setView({ ...view, district: value === '' ? undefined : Number(value) })}
        />
        <FieldSelect
          label={t('budgets.list.status')}
          value={view.status ?? ''}
          empty={t('budgets.list.allStatuses')}
          options={PROPOSAL_STATUSES.filter((s) => s !== 'draft').map((s) => ({ value: s, label: t(`budgets.status.${s}`) }))}
          onChange={(value) => setView({ ...view, status: value === '' ? undefined : (value as ProposalStatus) })}
        />
        <FieldSelect label={t('budgets.list.sort')} value={view.sort} options={PROPOSAL_SORTS.map((s) => ({ value: s, label: t(`budgets.list.sorts.${s}`) }))} onChange={(value) => setView({ ...view, sort: value as ProposalSort })} />
      </div>
      <p role="status" className="field-hint">
        {t('budgets.list.count', { count: shown.length })}
      </p>
      {shown.length === 0 && <p>{t('budgets.list.none')}</p>}
      <ul className="budget-proposals__list">
        {shown.map((p) => (
          <li key={p.id} className="planning-card budget-proposal-card" data-proposal-id={p.id}>
            <h3>
              <a href={proposalHref(p.edition, p.id, language)}>{p.title}</a>
            </h3>
            <p>
              <ProposalStatusBadge proposal={p} /> {p.synthetic && <SyntheticBadge />}
            </p>
            <p className="field-hint">
              {[p.district?.name, t(`budgets.categories.${p.category}`, { defaultValue: p.category }), formatMoney(p.cost, locale), p.votes !== null ? t('budgets.list.votes', { count: p.votes }) : null].filter(Boolean).join(' · ')}
            </p>
          </li>
        ))}
      </ul>
    </section>
  )
}
