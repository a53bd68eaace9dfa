import '../css/planning.css'
import '../css/budgets.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema, SessionSchema } from '../api-client/index.ts'
import { useApiResource, useMapUrlState, usePageLanguage } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { FieldCity, PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { BallotPanel } from './BallotPanel.tsx'
import { EditionListSchema, EditionSchema, ProposalListSchema, type BudgetEdition } from './budget-api.ts'
import { budgetsHref, proposalHref, proposeHref } from './budget-links.ts'
import { SyntheticBadge } from './BudgetBadges.tsx'
import { BudgetMap } from './BudgetMap.tsx'
import { EditionOverview } from './EditionOverview.tsx'
import { ProposalList } from './ProposalList.tsx'
import { SHADE_COLOURS, type ProposalShade } from './proposal-list.ts'
import { ReceiptCheckForm } from './ReceiptCheckForm.tsx'
import { ResultsPanel } from './ResultsPanel.tsx'
import { StaffEditionActions } from './StaffEditionActions.tsx'
import { StaffVotingChecks } from './StaffVotingChecks.tsx'

/** The edition a city's section opens on: the first one under way, else the newest. */
function currentEdition(editions: readonly BudgetEdition[]): BudgetEdition | undefined {
  return editions.find((e) => !e.past && e.phase !== null) ?? editions[0]
}

/**
 * `/budgets?city=&edition=`: a city's participatory budget. Its editions; the one shown with
 * its phases and money; its proposals on a map and as a list; the ballot while voting runs; the
 * results once published; and for the commission (`budgets:manage`) the buttons that close
 * voting and count the ballots.
 */
export function BudgetsPage() {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const { state, push } = useMapUrlState()
  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((c) => c.id === state.city) ?? cityList[0]
  const editions = useApiResource(city && `/api/budgets?city=${encodeURIComponent(city.id)}`, EditionListSchema)
  const list = editions.status === 'ready' ? editions.data : []
  const chosenId = list.find((e) => e.id === state.edition)?.id ?? currentEdition(list)?.id
  return (
    <>
      <PageHeader language={language} mapHref={city ? `/?city=${city.id}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page planning-public budgets">
        <h1>{t('budgets.title')}</h1>
        <p>{t('budgets.intro')}</p>
        <div className="planning-public__bar">
          <FieldCity cities={cityList} cityId={city?.id} language={language} onChange={(cityId) => push({ city: cityId, edition: undefined })} />
        </div>
        {editions.status === 'failed' && <LoadFailure title={editions.problem.detail ?? editions.problem.title} />}
        {editions.status === 'ready' && list.length === 0 && <p>{t('budgets.noEditions')}</p>}
        {list.length > 1 && (
          <nav aria-labelledby="editions-heading" className="budget-editions">
            <h2 id="editions-heading">{t('budgets.editions')}</h2>
            <ul>
              {list.map((e) => (
                <li key={e.id} data-edition-id={e.id}>
                  <a href={budgetsHref(language, e.city, e.id)} aria-current={e.id === chosenId ? 'page' : undefined}>
                    {t('budgets.editionLabel', { year: e.year, title: pickText(e.title, language) })}
                  </a>
                  {e.past && <span className="field-hint"> ({t('budgets.past')})</span>} {e.synthetic && <SyntheticBadge />}
                </li>
              ))}
            </ul>
          </nav>
        )}
        {chosenId !== undefined && <EditionSection key={chosenId} id={chosenId} language={language} />}
      </main>
    </>
  )
}

/** One edition: overview, staff actions, the proposals on the map and in the list, the ballot or the results. */
function EditionSection({ id, language }: { id: number; language: Language }) {
  const { t } = useTranslation()
  const [reloads, setReloads] = useState(0)
  const edition = useApiResource(`/api/budgets/${id}`, EditionSchema, reloads)
  const proposals = useApiResource(`/api/budgets/${id}/proposals`, ProposalListSchema, reloads)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const user = session.status === 'ready' ? session.data.user : null
  const mine = useApiResource(user ? `/api/budgets/${id}/proposals?mine=1` : undefined, ProposalListSchema, reloads)
  const drafts = mine.status === 'ready' ? mine.data.filter((p) => p.status === 'draft') : []
  if (edition.status === 'loading') return <p role="status">{t('app.loading')}</p>
  if (edition.status === 'failed') return <LoadFailure title={edition.problem.detail ?? edition.problem.title} />
  const e = edition.data
  const all = proposals.status === 'ready' ? proposals.data : []
  const feasible = all.filter((p) => p.status === 'feasible')
  const titleOf = (pid: string) => all.find((p) => p.id === pid)?.title ?? `#${pid}`
  return (
    <>
      <EditionOverview edition={e} language={language} />
      {user?.permissions.includes('budgets:manage') && (
        <>
          <StaffEditionActions edition={e} onChanged={() => setReloads((n) => n + 1)} />
          <StaffVotingChecks edition={e} onChanged={() => setReloads((n) => n + 1)} />
        </>
      )}
      {e.phase === 'submission' && (
        <p className="budget-propose-link">
          <a className="button" href={user ? proposeHref(e.id, language) : `/sign-in?next=${encodeURIComponent(proposeHref(e.id, language))}`}>
            {user ? t('budgets.propose.cta') : t('budgets.propose.signIn')}
          </a>
        </p>
      )}
      {drafts.length > 0 && (
        <section aria-labelledby="drafts-heading" className="planning-card budget-drafts">
          <h2 id="drafts-heading">{t('budgets.drafts')}</h2>
          <ul>
            {drafts.map((p) => (
              <li key={p.id}>
                <a href={proposalHref(e.id, p.id, language)}>{p.title}</a>
              </li>
            ))}
          </ul>
        </section>
      )}
      {e.phase === 'voting' && <BallotPanel edition={e} proposals={feasible} user={user} sessionKnown={session.status !== 'loading'} language={language} />}
      {e.results_published && <ResultsPanel edition={e} language={language} revision={reloads} />}
      {(e.phase === 'voting' || e.results_published) && !e.past && <ReceiptCheckForm edition={e.id} titleOf={titleOf} />}
      {proposals.status === 'failed' && <LoadFailure title={proposals.problem.detail ?? proposals.problem.title} />}
      {all.length > 0 && (
        <>
          <BudgetMap cityId={e.city} proposals={all} label={t('budgets.list.mapLabel')} onSelect={(pid) => window.location.assign(proposalHref(e.id, pid, language))} className="budgets-map" />
          <ShadeLegend />
        </>
      )}
      <ProposalList proposals={all} language={language} />
    </>
  )
}

const LEGEND: readonly ProposalShade[] = ['won', 'lost', 'feasible', 'submitted', 'not_feasible']

/** What the colours of the map mean. */
function ShadeLegend() {
  const { t } = useTranslation()
  return (
    <figure className="budget-legend">
      <figcaption>{t('budgets.list.legend')}</figcaption>
      <ul>
        {LEGEND.map((shade) => (
          <li key={shade}>
            <span className="budget-legend__swatch" style={{ background: SHADE_COLOURS[shade] }} aria-hidden="true" /> {t(`budgets.status.${shade}`)}
          </li>
        ))}
      </ul>
    </figure>
  )
}
