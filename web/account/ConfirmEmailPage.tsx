import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { confirmEmail } from './account-api.ts'
import { AccountLayout, withLanguage } from './AccountLayout.tsx'
import { useAccountForm } from './use-account-form.ts'

/** `/account/confirm/{token}`: confirms the address from the mailed link, once, on opening. */
export function ConfirmEmailPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const form = useAccountForm()
  const started = useRef(false)
  useEffect(() => {
    // Strict mode mounts twice in development; the link works only once.
    if (started.current) return
    started.current = true
    form.run(() => confirmEmail(token))
  }, [form, token])
  return (
    <AccountLayout>
      {(language) => (
        <>
          <h1>{t('account.confirm.title')}</h1>
          <div role="status">
            {form.state.status === 'sending' && <p>{t('account.confirm.checking')}</p>}
            {form.state.status === 'done' && (
              <p>
                {t('account.confirm.done')} <a href={withLanguage('/sign-in', language)}>{t('account.signIn.title')}</a>
              </p>
            )}
          </div>
          {form.state.status === 'editing' && (form.errors.token || form.failure) && (
            <div role="alert">
              <p>{form.errors.token ? t('account.invalid.token') : form.failure}</p>
              <p>
                <a href={withLanguage('/account/forgot', language)}>{t('account.confirm.useReset')}</a>
              </p>
            </div>
          )}
        </>
      )}
    </AccountLayout>
  )
}
