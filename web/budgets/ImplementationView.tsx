import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignedInUser } from '../api-client/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { setFollowing, type BudgetProposal } from './budget-api.ts'
import { prozorroHref } from './budget-links.ts'
import { formatMoney } from './money.ts'

type Implementation = NonNullable<BudgetProposal['implementation']>

/**
 * A winner's construction as residents follow it: its status, progress, money spent, the
 * Prozorro tender, the milestones in order; and a Follow button for a signed-in resident.
 */
export function ImplementationView({ proposal, implementation: impl, user, language }: { proposal: BudgetProposal; implementation: Implementation; user: SignedInUser | null; language: Language }) {
  const { t } = useTranslation()
  const locale = LOCALE_OF[language]
  const day = (date: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
  const milestones = [...impl.milestones].sort((a, b) => (a.due_on ?? a.done_on ?? a.created_at).localeCompare(b.due_on ?? b.done_on ?? b.created_at))
  return (
    <section aria-labelledby="implementation-heading" className="planning-card budget-implementation" data-status={impl.status}>
      <h2 id="implementation-heading">{t('budgets.project.implementation')}</h2>
      <p className="budget-implementation__status">{t('budgets.project.implStatus', { status: t(`budgets.impl.${impl.status}`) })}</p>
      <label className="budget-progress">
        {t('budgets.project.progress')}: {impl.progress}%
        <progress max={100} value={impl.progress}>
          {impl.progress}%
        </progress>
      </label>
      <p>{t('budgets.project.spent', { money: formatMoney(impl.spent, locale) })}</p>
      {impl.prozorro_id && (
        <p>
          <a href={prozorroHref(impl.prozorro_id)} rel="noopener noreferrer">
            {t('budgets.project.tender', { id: impl.prozorro_id })}
          </a>
        </p>
      )}
      {impl.note && <p className="budget-implementation__note">{impl.note}</p>}
      <h3>{t('budgets.project.milestones')}</h3>
      {milestones.length === 0 ? (
        <p>{t('budgets.project.noMilestones')}</p>
      ) : (
        <ol className="budget-milestones">
          {milestones.map((m) => (
            <li key={m.id} data-milestone-id={m.id} className={m.done_on ? 'budget-milestones__done' : undefined}>
              <strong>{m.title}</strong>
              {m.due_on && <span className="field-hint"> · {t('budgets.project.due', { date: day(m.due_on) })}</span>}
              {m.done_on && <span className="field-hint"> · {t('budgets.project.doneOn', { date: day(m.done_on) })}</span>}
              {m.note && <p>{m.note}</p>}
            </li>
          ))}
        </ol>
      )}
      <FollowButton proposal={proposal} followers={impl.followers} signedIn={user !== null} />
    </section>
  )
}

/** How many follow a project's construction by mail, and for a signed-in resident the button to follow or stop. */
function FollowButton({ proposal, followers, signedIn }: { proposal: BudgetProposal; followers: number; signedIn: boolean }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [following, setFollowingState] = useState(proposal.following)
  // The count as loaded, with this visit's own change.
  const count = followers + Number(following) - Number(proposal.following)
  const toggle = async () => {
    if (write.pending) return
    const next = !following
    const done = await write.run(async () => {
      await setFollowing(proposal.edition, proposal.id, next)
      return true
    })
    if (done) setFollowingState(next)
  }
  return (
    <div className="budget-follow">
      <p className="field-hint">{t('budgets.project.followers', { count })}</p>
      {signedIn && (
        <>
          <button type="button" className={`button button--small${following ? ' button--secondary' : ''}`} aria-pressed={following} onClick={() => void toggle()}>
            {following ? t('budgets.project.unfollow') : t('budgets.project.follow')}
          </button>
          <p role="status">{following ? t('budgets.project.following') : ''}</p>
          <FormProblem problem={write.problem} />
        </>
      )}
    </div>
  )
}
