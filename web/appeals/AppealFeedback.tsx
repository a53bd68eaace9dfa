import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, type AppealFeedback as Feedback, type PublicAppeal, sendAppealFeedback } from '../api-client/index.ts'
import { errorAttributes, InputError } from '../ui/index.ts'

/** How long after the resolution the author may still confirm or reopen, as the API allows. */
const FEEDBACK_DAYS = 30
const DAY_MS = 24 * 60 * 60 * 1000

type FeedbackState = { status: 'choosing' } | { status: 'reopening'; error?: string } | { status: 'sending' } | { status: 'failed'; message: string }

/**
 * The author's answer to a resolution: "solved" confirms it, "not solved" reopens it with a
 * reason. Shown only while the appeal is resolved, and only within 30 days of the resolution.
 */
export function AppealFeedback({ token, appeal, onSent }: { token: string; appeal: PublicAppeal; onSent(): void }) {
  const { t } = useTranslation()
  const [state, setState] = useState<FeedbackState>({ status: 'choosing' })
  const [reason, setReason] = useState('')
  if (appeal.status !== 'resolved' || !appeal.resolved_at) return null
  if (appeal.confirmed_at) return <p role="status">{t('tracking.confirmed')}</p>
  if (Date.now() - Date.parse(appeal.resolved_at) > FEEDBACK_DAYS * DAY_MS) {
    return <p className="field-hint">{t('tracking.feedbackClosed', { count: FEEDBACK_DAYS })}</p>
  }

  const send = (feedback: Feedback) => {
    setState({ status: 'sending' })
    sendAppealFeedback(token, feedback).then(onSent, (error: unknown) => {
      const problem = error instanceof ApiProblemError ? error.problem : undefined
      const message = problem?.errors?.[0]?.message ?? problem?.detail ?? String(error)
      setState(feedback.kind === 'reopen' ? { status: 'reopening', error: message } : { status: 'failed', message })
    })
  }
  const reopen = (event: FormEvent) => {
    event.preventDefault()
    send({ kind: 'reopen', reason: reason.trim() })
  }

  return (
    <section className="appeal-section" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{t('tracking.feedbackHeading')}</h2>
      <p>{t('tracking.feedbackHint', { count: FEEDBACK_DAYS })}</p>
      {state.status === 'reopening' ? (
        <form onSubmit={reopen} className="field-stack" noValidate>
          <label htmlFor="reopen-reason">{t('tracking.reason')}</label>
          <textarea id="reopen-reason" rows={4} required value={reason} onChange={(event) => setReason(event.currentTarget.value)} {...errorAttributes('reopen-reason-error', state.error)} />
          <InputError id="reopen-reason-error" message={state.error} />
          <div className="report-step__actions">
            <button type="submit" className="button button--primary" disabled={reason.trim() === ''}>
              {t('tracking.reopen')}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setState({ status: 'choosing' })}>
              {t('report.back')}
            </button>
          </div>
        </form>
      ) : (
        <div className="report-step__actions">
          <button type="button" className="button button--primary" disabled={state.status === 'sending'} onClick={() => send({ kind: 'confirm' })}>
            {t('tracking.confirm')}
          </button>
          <button type="button" className="button button--secondary" disabled={state.status === 'sending'} onClick={() => setState({ status: 'reopening' })}>
            {t('tracking.notSolved')}
          </button>
        </div>
      )}
      {state.status === 'failed' && (
        <p className="input-error" role="alert">
          {state.message}
        </p>
      )}
    </section>
  )
}
