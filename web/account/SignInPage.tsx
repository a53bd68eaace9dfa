import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { ProviderListSchema, signIn } from './account-api.ts'
import { AccountLayout, FormFailure, withLanguage } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { pageAfterSignIn } from './next-path.ts'
import { useAccountForm } from './use-account-form.ts'

/** `/sign-in`: e-mail and password, a button per outside provider; then `?next=` or the user's home page. */
export function SignInPage() {
  const { t } = useTranslation()
  const query = new URLSearchParams(window.location.search)
  const next = query.get('next')
  const providers = useApiResource('/api/auth/providers', ProviderListSchema)
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const form = useAccountForm((problem) =>
    problem.status === 401 ? t('account.signIn.wrong') : problem.status === 403 ? t('account.signIn.refused') : undefined,
  )
  const send = (event: FormEvent) => {
    event.preventDefault()
    form.run(() => signIn(email.trim(), password).then((user) => window.location.assign(pageAfterSignIn(next, user))))
  }
  const redirects = providers.status === 'ready' ? providers.data.filter((p) => p.kind === 'redirect') : []
  return (
    <AccountLayout>
      {(language) => (
        <>
          <h1>{t('account.signIn.title')}</h1>
          {query.get('error') === 'provider' && (
            <p className="input-error" role="alert">
              {t('account.signIn.providerCancelled')}
            </p>
          )}
          <form onSubmit={send} noValidate>
            <FieldText label={t('account.fields.email')} type="email" autoComplete="email" required value={email} onChange={setEmail} error={form.errors.email} />
            <FieldText label={t('account.fields.password')} type="password" autoComplete="current-password" required value={password} onChange={setPassword} error={form.errors.password} />
            <FormFailure message={form.failure} />
            <button type="submit" className="button" disabled={form.sending || email.trim() === '' || password === ''}>
              {form.sending ? t('account.sending') : t('account.signIn.submit')}
            </button>
          </form>
          {redirects.length > 0 && (
            <div className="account-providers">
              <p>{t('account.signIn.or')}</p>
              {redirects.map((provider) => (
                <a key={provider.id} className="button button--secondary" href={`${provider.startUrl}${next ? `?next=${encodeURIComponent(next)}` : ''}`}>
                  {t('account.signIn.with', { provider: provider.label })}
                </a>
              ))}
            </div>
          )}
          <p>
            <a href={withLanguage('/account/forgot', language)}>{t('account.signIn.forgot')}</a>
          </p>
          <p>
            {t('account.signIn.noAccount')} <a href={withLanguage('/register', language)}>{t('account.register.title')}</a>
          </p>
        </>
      )}
    </AccountLayout>
  )
}
