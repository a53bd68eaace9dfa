import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, type Problem } from '../api-client/index.ts'

/** Where an account form is: being filled in (with what is wrong), sending, or done. */
export type AccountFormState =
  | { status: 'editing'; errors: Partial<Record<string, string>>; failure?: string }
  | { status: 'sending' }
  | { status: 'done' }

/**
 * The state of one account form and its action. A refusal's field errors (`body.email` →
 * `email`) land on the fields in the interface's language; `explain` may turn any other
 * problem into a message (it returns undefined to fall back to the API's own words).
 */
export function useAccountForm(explain: (problem: Problem) => string | undefined = () => undefined) {
  const { t } = useTranslation()
  const [state, setState] = useState<AccountFormState>({ status: 'editing', errors: {} })

  const run = (action: () => Promise<unknown>, onDone?: () => void) => {
    setState({ status: 'sending' })
    action().then(
      () => {
        setState({ status: 'done' })
        onDone?.()
      },
      (error: unknown) => {
        const problem: Problem = error instanceof ApiProblemError ? error.problem : { title: String(error) }
        const errors: Partial<Record<string, string>> = {}
        for (const { field } of problem.errors ?? []) {
          const name = field.replace(/^body\.?/, '') || 'form'
          errors[name] ??= t(`account.invalid.${name}`, { defaultValue: t('account.invalid.form') })
        }
        const explained = explain(problem) ?? (problem.status === 429 ? t('account.errors.rateLimited') : undefined)
        const failure = explained ?? (Object.keys(errors).length > 0 ? undefined : [problem.title, problem.detail].filter(Boolean).join(': '))
        setState({ status: 'editing', errors, failure })
      },
    )
  }

  const errors = state.status === 'editing' ? state.errors : {}
  const failure = state.status === 'editing' ? state.failure : undefined
  /** Shows a problem found before sending (such as two passwords that differ). */
  const refuse = (field: string, message: string) => setState({ status: 'editing', errors: { [field]: message } })
  return { state, run, refuse, errors, failure, sending: state.status === 'sending' }
}
