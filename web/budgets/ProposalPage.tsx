import '../css/planning.css'
import '../css/budgets.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SessionSchema } from '../api-client/index.ts'
import { useApiResource, usePageLanguage } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { EditionSchema, ProposalSchema, type BudgetProposal } from './budget-api.ts'
import { ProposalStatusBadge, SyntheticBadge } from './BudgetBadges.tsx'
import { budgetsHref } from './budget-links.ts'
import { BudgetMap } from './BudgetMap.tsx'
import { CoauthorInvite, CoauthorJoin } from './Coauthors.tsx'
import { DraftActions, WithdrawAction } from './DraftActions.tsx'
import { ImplementationView } from './ImplementationView.tsx'
import { formatMoney } from './money.ts'
import { PrecheckView } from './PrecheckView.tsx'
import { ProposalFileForm } from './ProposalFileForms.tsx'
import { ProposalMedia } from './ProposalMedia.tsx'
import { ImplementationForm, ReviewForm } from './StaffProposalForms.tsx'

/** Props of {@link ProposalPage}. */
export interface ProposalPageProps {
  edition: number
  proposal: number
}

/**
 * `/budgets/{id}/proposals/{pid}`: a project. What it is and costs, where (on a small map), the
 * city's review, the pre-check of its place, its votes and outcome once the results are out, and
 * its construction with milestones. The commission reviews it here, and updates a winner's
 * construction.
 */
export function ProposalPage({ edition: editionId, proposal: proposalId }: ProposalPageProps) {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const edition = useApiResource(`/api/budgets/${editionId}`, EditionSchema)
  const loaded = useApiResource(`/api/budgets/${editionId}/proposals/${proposalId}`, ProposalSchema)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const user = session.status === 'ready' ? session.data.user : null
  // The staff's forms answer the proposal as changed; it replaces the one loaded.
  const [changed, setChanged] = useState<BudgetProposal>()
  const p = changed ?? (loaded.status === 'ready' ? loaded.data : undefined)
  const e = edition.status === 'ready' ? edition.data : undefined
  const manages = user?.permissions.includes('budgets:manage') ?? false
  // An invitation link to write the proposal with its authors: `?join=<token>`.
  const joinToken = new URLSearchParams(window.location.search).get('join')
  const reviewable = manages && e !== undefined && (e.phase === 'submission' || e.phase === 'review') && p !== undefined && p.status !== 'draft' && p.status !== 'withdrawn'
  return (
    <>
      <PageHeader language={language} mapHref={e ? `/?city=${e.city}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page planning-public budgets budget-project">
        {e && (
          <p className="planning__links">
            <a href={budgetsHref(language, e.city, e.id)}>{t('budgets.project.back')}</a>
          </p>
        )}
        {joinToken && session.status === 'ready' && !p?.mine && (
          <CoauthorJoin edition={editionId} proposal={proposalId} token={joinToken} signedIn={user !== null} onJoined={setChanged} />
        )}
        {loaded.status === 'loading' && <p role="status">{t('app.loading')}</p>}
        {loaded.status === 'failed' && !changed && <LoadFailure title={loaded.problem.detail ?? loaded.problem.title} />}
        {p && (
          <>
            <h1>
              {p.title} <ProposalStatusBadge proposal={p} /> {p.synthetic && <SyntheticBadge />}
            </h1>
            <ProposalFacts proposal={p} language={language} />
            {p.mine && p.status === 'draft' && e?.phase === 'submission' && <DraftActions proposal={p} onSubmitted={setChanged} />}
            <p className="budget-project__description">{p.description}</p>
            <ProposalMedia proposal={p} language={language} />
            {p.mine && (p.status === 'draft' || p.status === 'submitted') && (
              <>
                <div className="budget-files">
                  <ProposalFileForm proposal={p} kind="photo" onAdded={setChanged} />
                  <ProposalFileForm proposal={p} kind="document" onAdded={setChanged} />
                </div>
                <CoauthorInvite proposal={p} />
                <WithdrawAction proposal={p} onWithdrawn={setChanged} />
              </>
            )}
            {e && <BudgetMap cityId={e.city} proposals={[p]} label={t('budgets.project.mapLabel', { title: p.title })} className="budget-project__map" />}
            {p.review && <ReviewShown proposal={p} language={language} />}
            {reviewable && <ReviewForm proposal={p} onSaved={setChanged} />}
            {p.votes !== null && (
              <section aria-labelledby="votes-heading" className="planning-card budget-votes" data-outcome={p.outcome ?? ''}>
                <h2 id="votes-heading">{t('budgets.project.votes')}</h2>
                <p>{t('budgets.project.votesCount', { count: p.votes })}</p>
                {p.outcome && <p>{t(`budgets.outcome.${p.outcome}`)}</p>}
              </section>
            )}
            {p.implementation && <ImplementationView proposal={p} implementation={p.implementation} user={user} language={language} />}
            {manages && p.implementation && (
              <>
                <ImplementationForm proposal={p} onSaved={setChanged} />
                <ProposalFileForm proposal={p} kind="implementation-photo" onAdded={setChanged} />
              </>
            )}
            {p.precheck && <PrecheckView precheck={p.precheck} pots={e?.pots} language={language} heading={t('budgets.project.precheckAt')} />}
          </>
        )}
      </main>
    </>
  )
}

/** District, category, and the cost items with their total. */
function ProposalFacts({ proposal: p, language }: { proposal: BudgetProposal; language: Language }) {
  const { t } = useTranslation()
  const money = (amount: number) => formatMoney(amount, LOCALE_OF[language])
  return (
    <>
      <dl className="budget-facts">
        <dt>{t('budgets.project.district')}</dt>
        <dd>{p.district?.name ?? '—'}</dd>
        <dt>{t('budgets.project.category')}</dt>
        <dd>{t(`budgets.categories.${p.category}`, { defaultValue: p.category })}</dd>
        <dt>{t('budgets.project.cost')}</dt>
        <dd className="budget-project__cost">{money(p.cost)}</dd>
        {p.co_authors > 0 && (
          <>
            <dt>{t('budgets.project.coAuthors')}</dt>
            <dd>{p.co_authors}</dd>
          </>
        )}
      </dl>
      <div className="table-scroll">
        <table className="budget-table">
          <thead>
            <tr>
              <th scope="col">{t('budgets.project.item')}</th>
              <th scope="col">{t('budgets.project.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {p.cost_items.map((item, index) => (
              <tr key={index}>
                <th scope="row">{item.name}</th>
                <td>{money(item.amount)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('budgets.project.total')}</th>
              <td>{money(p.cost_items.reduce((sum, item) => sum + item.amount, 0))}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  )
}

/** The city's public review: feasible or not, why, and a changed cost with its note. */
function ReviewShown({ proposal: p, language }: { proposal: BudgetProposal; language: Language }) {
  const { t } = useTranslation()
  const review = p.review!
  return (
    <section aria-labelledby="review-heading" className="planning-card budget-review" data-feasible={review.feasible}>
      <h2 id="review-heading">{t('budgets.project.review')}</h2>
      <p>
        <strong>{review.feasible ? t('budgets.project.feasible') : t('budgets.project.notFeasible')}</strong>
      </p>
      {review.reason && <p>{t('budgets.project.reason', { reason: review.reason })}</p>}
      {review.cost_note && <p>{t('budgets.project.costNote', { from: formatMoney(review.original_cost, LOCALE_OF[language]), note: review.cost_note })}</p>}
    </section>
  )
}
