import { type FormEvent, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import { enterPaperBallots, FlagListSchema, type BudgetEdition } from './budget-api.ts'
import { parsePaperBallots } from './paper-ballots.ts'

/**
 * The commission's side of the vote: a batch of paper ballots entered from its protocol (during
 * voting and after it, until the count), and the patterns the service flags for a look.
 */
export function StaffVotingChecks({ edition, onChanged }: { edition: BudgetEdition; onChanged(): void }) {
  const votingStarted = edition.phases.some((p) => p.name === 'voting' && Date.parse(p.starts_at) <= Date.now())
  if (!votingStarted || edition.past) return null
  return (
    <>
      {!edition.results_published && <PaperBallotsForm edition={edition} onEntered={onChanged} />}
      <VotingFlags edition={edition} />
    </>
  )
}

function PaperBallotsForm({ edition, onEntered }: { edition: BudgetEdition; onEntered(): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [batch, setBatch] = useState('')
  const [lines, setLines] = useState('')
  const [lineError, setLineError] = useState<string>()
  const [entered, setEntered] = useState<{ batch: string; ballots: number; receipts: string[] }>()
  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (write.pending) return
    const parsed = parsePaperBallots(lines)
    if ('badLine' in parsed) return setLineError(t('budgets.paper.badLine', { line: parsed.badLine }))
    setLineError(undefined)
    const done = await write.run(() => enterPaperBallots(edition.id, { batch, ballots: parsed.ballots }))
    if (done) {
      setEntered(done)
      setBatch('')
      setLines('')
      onEntered()
    }
  }
  return (
    <section aria-labelledby="paper-heading" className="planning-card budget-paper">
      <h2 id="paper-heading">{t('budgets.paper.heading')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <FieldText label={t('budgets.paper.batch')} hint={t('budgets.paper.batchHint')} value={batch} onChange={setBatch} error={write.fieldError('batch')} maxLength={100} />
        <FieldText label={t('budgets.paper.lines')} hint={t('budgets.paper.linesHint')} value={lines} onChange={setLines} rows={6} error={lineError ?? write.fieldError('ballots')} />
        <button type="submit" className="button button--small" aria-disabled={write.pending}>
          {t('budgets.paper.enter')}
        </button>
      </form>
      <FormProblem problem={write.problem} />
      {entered && (
        <div role="status">
          <p>{t('budgets.paper.entered', { count: entered.ballots, batch: entered.batch })}</p>
          <details>
            <summary>{t('budgets.paper.receipts')}</summary>
            <ol className="budget-paper__receipts">
              {entered.receipts.map((r) => (
                <li key={r}>
                  <code>{r}</code>
                </li>
              ))}
            </ol>
          </details>
        </div>
      )}
    </section>
  )
}

function VotingFlags({ edition }: { edition: BudgetEdition }) {
  const { t } = useTranslation()
  const flags = useApiResource(`/api/budgets/${edition.id}/flags`, FlagListSchema)
  return (
    <section aria-labelledby="flags-heading" className="planning-card budget-flags">
      <h2 id="flags-heading">{t('budgets.flags.heading')}</h2>
      <p className="field-hint">{t('budgets.flags.explain')}</p>
      {flags.status === 'ready' &&
        (flags.data.length === 0 ? (
          <p>{t('budgets.flags.none')}</p>
        ) : (
          <ul>
            {flags.data.map((flag, i) => (
              <li key={i}>
                <strong>{t(`budgets.flags.kind.${flag.kind}`)}</strong>: {flag.detail}
              </li>
            ))}
          </ul>
        ))}
    </section>
  )
}
