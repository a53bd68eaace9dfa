import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { inviteCoauthors, joinCoauthors, type BudgetProposal } from './budget-api.ts'

/** The authors' invitation link for co-authors: made on request, shown to copy and share. */
export function CoauthorInvite({ proposal }: { proposal: BudgetProposal }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [url, setUrl] = useState<string>()
  const invite = async () => {
    if (write.pending) return
    const made = await write.run(() => inviteCoauthors(proposal.edition, proposal.id))
    if (made) setUrl(made.url)
  }
  return (
    <section aria-labelledby="coauthors-heading" className="planning-card budget-coauthors">
      <h2 id="coauthors-heading">{t('budgets.coauthors.heading')}</h2>
      <p>{t('budgets.coauthors.explain')}</p>
      <button type="button" className="button button--small" aria-disabled={write.pending} onClick={() => void invite()}>
        {url ? t('budgets.coauthors.again') : t('budgets.coauthors.invite')}
      </button>
      {url && (
        <p className="field">
          <label htmlFor="coauthor-link">{t('budgets.coauthors.link')}</label>
          <input id="coauthor-link" className="input" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
          <span className="field-hint">{t('budgets.coauthors.linkHint')}</span>
        </p>
      )}
      <FormProblem problem={write.problem} />
    </section>
  )
}

/**
 * What a resident who opened an invitation link sees: the offer to write the proposal with its
 * authors, or the way to sign in first. The proposal itself may still be a draft they cannot see.
 */
export function CoauthorJoin({ edition, proposal, token, signedIn, onJoined }: { edition: number; proposal: number; token: string; signedIn: boolean; onJoined(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const join = async () => {
    if (write.pending) return
    const joined = await write.run(() => joinCoauthors(edition, proposal, token))
    if (joined) onJoined(joined)
  }
  const here = `${window.location.pathname}${window.location.search}`
  return (
    <section aria-labelledby="join-heading" className="planning-card budget-coauthors" role="region">
      <h2 id="join-heading">{t('budgets.coauthors.joinHeading')}</h2>
      <p>{t('budgets.coauthors.joinExplain')}</p>
      {signedIn ? (
        <button type="button" className="button" aria-disabled={write.pending} onClick={() => void join()}>
          {t('budgets.coauthors.join')}
        </button>
      ) : (
        <a className="button" href={`/sign-in?next=${encodeURIComponent(here)}`}>
          {t('budgets.coauthors.signIn')}
        </a>
      )}
      <FormProblem problem={write.problem} />
    </section>
  )
}
