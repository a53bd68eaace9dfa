import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { completePasswordReset } from './account-api.ts'
import { AccountLayout, FormFailure, withLanguage } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { useAccountForm } from './use-account-form.ts'

/** `/account/reset/{token}`: sets a new password with the mailed link; then on to sign in. */
export function ResetPasswordPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const [password, setPassword] = useState('')
  const [repeat, setRepeat] = useState('')
  const form = useAccountForm()
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (password !== repeat) return form.refuse('repeat', t('account.invalid.repeat'))
    form.run(() => completePasswordReset(token, password))
  }
  return (
    <AccountLayout>
      {(language) => (
        <>
          <h1>{t('account.reset.title')}</h1>
          {form.state.status === 'done' ? (
            <p role="status">
              {t('account.reset.done')} <a href={withLanguage('/sign-in', language)}>{t('account.signIn.title')}</a>
            </p>
          ) : (
            <form onSubmit={send} noValidate>
              <FieldText
                label={t('account.fields.newPassword')}
                type="password"
                autoComplete="new-password"
                required
                value={password}
                onChange={setPassword}
                error={form.errors.password}
                hint={t('account.passwordPolicy')}
              />
              <FieldText label={t('account.fields.repeatPassword')} type="password" autoComplete="new-password" required value={repeat} onChange={setRepeat} error={form.errors.repeat} />
              <FormFailure message={form.errors.token ? t('account.invalid.token') : form.failure} />
              {form.errors.token && <a href={withLanguage('/account/forgot', language)}>{t('account.forgot.title')}</a>}
              <button type="submit" className="button" disabled={form.sending || password === ''}>
                {form.sending ? t('account.sending') : t('account.reset.submit')}
              </button>
            </form>
          )}
        </>
      )}
    </AccountLayout>
  )
}
