import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, type AppealAlertRequest, type FieldError, subscribeToAppealAlerts } from '../api-client/index.ts'

/** The fields of the alerts form that an API error can point at. */
export type AlertField = 'email' | 'area'

/** Where the alerts form is: being filled in (with what is wrong), sending, or done. */
export type AppealAlertsState =
  | { status: 'editing'; errors: Partial<Record<AlertField, string>>; failure?: string }
  | { status: 'sending' }
  | { status: 'sent' }

/**
 * The state of the "e-mail me about new appeals" form and its one action. A refusal's field
 * errors land on the form's fields; anything else (such as 429, rate limited) becomes
 * `failure`, the message shown above the button.
 */
export function useAppealAlerts() {
  const { t } = useTranslation()
  const [state, setState] = useState<AppealAlertsState>({ status: 'editing', errors: {} })

  const subscribe = (request: AppealAlertRequest) => {
    setState({ status: 'sending' })
    subscribeToAppealAlerts(request).then(
      () => setState({ status: 'sent' }),
      (error: unknown) => {
        const problem = error instanceof ApiProblemError ? error.problem : { title: String(error) }
        const errors = alertFieldErrors(problem.errors ?? [])
        const explained = Object.keys(errors).length > 0
        const failure = problem.status === 429 ? t('appealAlerts.rateLimited') : explained ? undefined : [problem.title, problem.detail].filter(Boolean).join(': ')
        setState({ status: 'editing', errors, failure })
      },
    )
  }

  const restart = () => setState({ status: 'editing', errors: {} })
  return { state, subscribe, restart }
}

/** `body.email` → email; the point, radius, district or city → area; the first message per field wins. */
function alertFieldErrors(errors: readonly FieldError[]): Partial<Record<AlertField, string>> {
  const out: Partial<Record<AlertField, string>> = {}
  for (const { field, message } of errors) {
    const key: AlertField = field.replace(/^body\./, '') === 'email' ? 'email' : 'area'
    out[key] ??= message
  }
  return out
}
