import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { ResultsSchema, type BudgetEdition, type BudgetResults } from './budget-api.ts'
import { proposalHref } from './budget-links.ts'
import { formatMoney } from './money.ts'
import { usePotName } from './use-pot-name.ts'

type ResultLine = BudgetResults['ranking'][number]

/**
 * The published results: each pot's ranking with votes (online and paper), cost and outcome,
 * winners marked; the anonymised ballots as CSV with their SHA-256, and how to recompute the
 * count from them.
 */
export function ResultsPanel({ edition, language, revision }: { edition: BudgetEdition; language: Language; revision: number }) {
  const { t } = useTranslation()
  const results = useApiResource(`/api/budgets/${edition.id}/results`, ResultsSchema, revision)
  const money = (amount: number) => formatMoney(amount, LOCALE_OF[language])
  const potName = usePotName(edition.pots)
  if (results.status === 'loading') return <p role="status">{t('app.loading')}</p>
  if (results.status === 'failed') return <LoadFailure title={results.problem.detail ?? results.problem.title} />
  const r = results.data
  const pots = [...new Set(r.ranking.map((line) => line.pot))]
  return (
    <section aria-labelledby="results-heading" className="planning-card budget-results" data-winners={r.winners.length}>
      <h2 id="results-heading">{t('budgets.results.heading')}</h2>
      {r.ballots_csv && <p>{t('budgets.results.ballots', r.ballots)}</p>}
      {pots.map((pot) => (
        <div key={pot} className="table-scroll">
          <table className="budget-table">
            <caption>{potName(pot)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('budgets.results.rank')}</th>
                <th scope="col">{t('budgets.results.project')}</th>
                <th scope="col">{t('budgets.results.votes')}</th>
                <th scope="col">{t('budgets.results.cost')}</th>
                <th scope="col">{t('budgets.results.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {r.ranking
                .filter((line) => line.pot === pot)
                .map((line) => (
                  <ResultRow key={line.id} line={line} edition={edition.id} past={edition.past} language={language} money={money} />
                ))}
            </tbody>
          </table>
          {r.unspent[pot] !== undefined && <p className="field-hint">{t('budgets.results.unspent', { money: money(r.unspent[pot]) })}</p>}
        </div>
      ))}
      <p>{t('budgets.results.tieRule', { rule: r.tie_rule[language] || r.tie_rule.uk })}</p>
      {r.ballots_csv ? (
        <>
          <p>
            <a href={new URL(r.ballots_csv, window.location.origin).pathname} download>
              {t('budgets.results.csv')}
            </a>
          </p>
          {r.sha256 && <p className="budget-hash">{t('budgets.results.sha256', { hash: r.sha256 })}</p>}
          <h3>{t('budgets.results.recomputeHeading')}</h3>
          <p>{t('budgets.results.recompute')}</p>
        </>
      ) : (
        <p>{t('budgets.results.pastNote')}</p>
      )}
    </section>
  )
}

function ResultRow({ line, edition, past, language, money }: { line: ResultLine; edition: number; past: boolean; language: Language; money(amount: number): string }) {
  const { t } = useTranslation()
  return (
    <tr className={line.won ? 'budget-results__winner' : undefined} data-proposal-id={line.id} data-won={line.won}>
      <td>{line.rank}</td>
      <th scope="row">
        <a href={proposalHref(edition, line.id, language)}>{line.title}</a>
      </th>
      <td>
        {line.votes}
        {/* A past edition published its totals only, not how they came. */}
        {!past && (
          <>
            <br />
            <span className="field-hint">{t('budgets.results.online', { online: line.online_votes, paper: line.paper_votes })}</span>
          </>
        )}
      </td>
      <td>{money(line.cost)}</td>
      <td>
        {line.won ? <strong>{t('budgets.outcome.won')}</strong> : t(`budgets.outcome.${line.outcome}`)}
        {line.override && <span className="field-hint"> {t('budgets.results.override', { reason: line.override.reason })}</span>}
      </td>
    </tr>
  )
}
