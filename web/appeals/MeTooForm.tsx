import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, supportAppeal, type SupportResult } from '../api-client/index.ts'
import { InputError, errorAttributes } from '../ui/index.ts'

/** Props of {@link MeTooForm}. */
export interface MeTooFormProps {
  number: string
  /** Called with the new supporter count once the API has counted the person. */
  onSupported?(result: SupportResult): void
}

type MeTooState = { status: 'closed' } | { status: 'asking'; error?: string } | { status: 'sending' } | { status: 'done'; result: SupportResult }

/**
 * The "me too" button of an open appeal. It asks for an e-mail (the API counts each person once,
 * by a digest of it) and then thanks the resident with the new count of supporters.
 */
export function MeTooForm({ number, onSupported }: MeTooFormProps) {
  const { t } = useTranslation()
  const id = useId()
  const [email, setEmail] = useState('')
  const [state, setState] = useState<MeTooState>({ status: 'closed' })

  if (state.status === 'closed') {
    return (
      <button type="button" className="button button--secondary" onClick={() => setState({ status: 'asking' })}>
        {t('meToo.button')}
      </button>
    )
  }
  if (state.status === 'done') {
    return (
      <p className="me-too__done" role="status">
        {state.result.counted ? t('meToo.counted', { count: state.result.supporters }) : t('meToo.already', { count: state.result.supporters })}
      </p>
    )
  }

  const send = (event: FormEvent) => {
    event.preventDefault()
    setState({ status: 'sending' })
    supportAppeal(number, email.trim()).then(
      (result) => {
        setState({ status: 'done', result })
        onSupported?.(result)
      },
      (error: unknown) => {
        const problem = error instanceof ApiProblemError ? error.problem : undefined
        setState({ status: 'asking', error: problem?.errors?.[0]?.message ?? problem?.detail ?? String(error) })
      },
    )
  }
  const error = state.status === 'asking' ? state.error : undefined
  const inputId = `${id}-email`
  return (
    <form className="me-too" onSubmit={send} noValidate>
      <label htmlFor={inputId}>{t('meToo.email')}</label>
      <p id={`${inputId}-hint`} className="field-hint">
        {t('meToo.emailHint')}
      </p>
      <input
        id={inputId}
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={(event) => setEmail(event.currentTarget.value)}
        {...errorAttributes(`${inputId}-error`, error, `${inputId}-hint`)}
      />
      <InputError id={`${inputId}-error`} message={error} />
      <button type="submit" className="button" disabled={state.status === 'sending' || email.trim() === ''}>
        {state.status === 'sending' ? t('meToo.sending') : t('meToo.send')}
      </button>
    </form>
  )
}
