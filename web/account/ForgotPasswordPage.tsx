import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { requestPasswordReset } from './account-api.ts'
import { AccountLayout, FormFailure, withLanguage } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { useAccountForm } from './use-account-form.ts'

/** `/account/forgot`: asks for a password reset link by mail. */
export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation()
  const [email, setEmail] = useState('')
  const form = useAccountForm()
  const doneRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (form.state.status === 'done') doneRef.current?.focus()
  }, [form.state.status])
  const send = (event: FormEvent) => {
    event.preventDefault()
    form.run(() => requestPasswordReset(email.trim(), i18n.language === 'en' ? 'en' : 'uk'))
  }
  return (
    <AccountLayout>
      {(language) => (
        <>
          <h1>{t('account.forgot.title')}</h1>
          {form.state.status === 'done' ? (
            <p ref={doneRef} role="status" tabIndex={-1}>
              {t('account.forgot.sent', { email: email.trim() })}
            </p>
          ) : (
            <form onSubmit={send} noValidate>
              <p>{t('account.forgot.intro')}</p>
              <FieldText label={t('account.fields.email')} type="email" autoComplete="email" required value={email} onChange={setEmail} error={form.errors.email} />
              <FormFailure message={form.failure} />
              <button type="submit" className="button" disabled={form.sending || email.trim() === ''}>
                {form.sending ? t('account.sending') : t('account.forgot.submit')}
              </button>
            </form>
          )}
          <p>
            <a href={withLanguage('/sign-in', language)}>{t('account.signIn.title')}</a>
          </p>
        </>
      )}
    </AccountLayout>
  )
}
