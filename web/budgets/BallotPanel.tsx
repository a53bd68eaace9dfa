import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignedInUser } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { FormProblem, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { BallotSchema, castBallot, type BudgetEdition, type BudgetProposal, type MyBallot } from './budget-api.ts'
import { budgetsHref } from './budget-links.ts'
import { formatMoney } from './money.ts'
import { usePotName } from './use-pot-name.ts'

/** Props of {@link BallotPanel}. */
export interface BallotPanelProps {
  edition: BudgetEdition
  /** The proposals on the ballot (the feasible ones). */
  proposals: readonly BudgetProposal[]
  user: SignedInUser | null
  sessionKnown: boolean
  language: Language
}

/**
 * The resident's ballot during voting: the proposals to choose, what is left to give as the
 * server counts it (votes, or money per pot), the declarations the rules ask for, and the receipt
 * code of the ballot as cast. A visitor is asked to sign in.
 */
export function BallotPanel(props: BallotPanelProps) {
  const { t } = useTranslation()
  const { edition, user, sessionKnown, language } = props
  return (
    <section aria-labelledby="ballot-heading" className="planning-card budget-ballot">
      <h2 id="ballot-heading">{t('budgets.ballot.heading')}</h2>
      {sessionKnown && !user && (
        <p>
          <a className="button" href={`/sign-in?next=${encodeURIComponent(budgetsHref(language, edition.city, edition.id))}`}>
            {t('budgets.ballot.signIn')}
          </a>
        </p>
      )}
      {user && <BallotForm {...props} />}
    </section>
  )
}

/** Loads the voter's ballot as cast so far; the choices are shown only then, so none made earlier is overwritten. */
function BallotForm(props: BallotPanelProps) {
  const { t } = useTranslation()
  const loaded = useApiResource(`/api/budgets/${props.edition.id}/ballot`, BallotSchema)
  if (loaded.status === 'loading') return <p role="status">{t('app.loading')}</p>
  if (loaded.status === 'failed') return <LoadFailure title={loaded.problem.detail ?? loaded.problem.title} />
  return <BallotChoices {...props} cast={loaded.data} />
}

function BallotChoices({ edition, proposals, language, cast }: BallotPanelProps & { cast: MyBallot }) {
  const { t } = useTranslation()
  const [ballot, setBallot] = useState<MyBallot>(cast)
  const [chosen, setChosen] = useState<string[]>(cast.proposals)
  const [declaration, setDeclaration] = useState({ age: false, residence: false })
  const [saved, setSaved] = useState(false)
  const write = useApiWrite()
  const declares = edition.rules.min_age !== null || edition.rules.residence_declaration
  const toggle = (id: string, on: boolean) => setChosen((list) => (on ? [...list, id] : list.filter((x) => x !== id)))
  const save = async () => {
    setSaved(false)
    const answer = await write.run(() => castBallot(edition.id, chosen, declares ? declaration : undefined))
    if (answer) {
      setBallot(answer)
      setChosen(answer.proposals)
      setSaved(true)
    }
  }
  if (proposals.length === 0) return <p>{t('budgets.ballot.noFeasible')}</p>
  return (
    <form
      className="office-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (!write.pending) void save()
      }}
    >
      <p className="field-hint">{t('budgets.ballot.intro')}</p>
      <BallotRemaining ballot={ballot} edition={edition} language={language} />
      <fieldset className="budget-ballot__choices">
        <legend>{t('budgets.list.heading')}</legend>
        {proposals.map((p) => (
          <label key={p.id} className="budget-ballot__choice" data-proposal-id={p.id}>
            <input type="checkbox" checked={chosen.includes(p.id)} onChange={(event) => toggle(p.id, event.currentTarget.checked)} aria-label={t('budgets.ballot.choose', { title: p.title })} />
            <span>
              {p.title} <span className="field-hint">({[p.district?.name, formatMoney(p.cost, LOCALE_OF[language])].filter(Boolean).join(' · ')})</span>
            </span>
          </label>
        ))}
      </fieldset>
      {edition.rules.min_age !== null && (
        <label className="budget-ballot__choice">
          <input type="checkbox" checked={declaration.age} onChange={(event) => setDeclaration({ ...declaration, age: event.currentTarget.checked })} />
          <span>{t('budgets.ballot.declareAge', { age: edition.rules.min_age })}</span>
        </label>
      )}
      {edition.rules.residence_declaration && (
        <label className="budget-ballot__choice">
          <input type="checkbox" checked={declaration.residence} onChange={(event) => setDeclaration({ ...declaration, residence: event.currentTarget.checked })} />
          <span>{t('budgets.ballot.declareResidence')}</span>
        </label>
      )}
      <FormProblem problem={write.problem} />
      <button type="submit" className="button button--small" aria-disabled={write.pending} data-disabled={write.pending}>
        {t('budgets.ballot.save')}
      </button>
      <div role="status" className="budget-ballot__receipt" data-receipt={ballot.receipt ?? ''}>
        {ballot.receipt && (
          <>
            <p>{saved ? t('budgets.ballot.saved', { receipt: ballot.receipt }) : t('budgets.ballot.receipt', { receipt: ballot.receipt })}</p>
            <p className="field-hint">{t('budgets.ballot.receiptHint')}</p>
          </>
        )}
      </div>
    </form>
  )
}

/** What is left to give, as the server's last answer says: votes, or money per pot. */
function BallotRemaining({ ballot, edition, language }: { ballot: MyBallot; edition: BudgetEdition; language: Language }) {
  const { t } = useTranslation()
  const potName = usePotName(edition.pots)
  return (
    <ul className="budget-ballot__remaining" aria-live="polite" data-remaining-votes={ballot.remaining.votes ?? ''}>
      {ballot.remaining.votes !== null && <li>{t('budgets.ballot.remainingVotes', { count: ballot.remaining.votes })}</li>}
      {Object.entries(ballot.remaining.money ?? {}).map(([key, money]) => (
        <li key={key}>{t('budgets.ballot.remainingMoney', { pot: potName(key), money: formatMoney(money, LOCALE_OF[language]) })}</li>
      ))}
    </ul>
  )
}
