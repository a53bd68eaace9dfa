import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { register } from './account-api.ts'
import { AccountLayout, FormFailure, withLanguage } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { useAccountForm } from './use-account-form.ts'

const MIN_PASSWORD = 10

/** `/register`: name, e-mail and password; then a note to look for the confirmation mail. */
export function RegisterPage() {
  const { t, i18n } = useTranslation()
  const [name, setName] = useState('')
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const form = useAccountForm()
  const doneRef = useRef<HTMLParagraphElement>(null)
  useEffect(() => {
    if (form.state.status === 'done') doneRef.current?.focus()
  }, [form.state.status])
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (password.length < MIN_PASSWORD) return form.refuse('password', t('account.invalid.password'))
    form.run(() => register({ name: name.trim(), email: email.trim(), password, locale: i18n.language === 'en' ? 'en' : 'uk' }))
  }
  return (
    <AccountLayout>
      {(language) => (
        <>
          <h1>{t('account.register.title')}</h1>
          {form.state.status === 'done' ? (
            <p ref={doneRef} role="status" tabIndex={-1}>
              {t('account.register.sent', { email: email.trim() })}
            </p>
          ) : (
            <form onSubmit={send} noValidate>
              <FieldText label={t('account.fields.name')} autoComplete="name" required maxLength={200} value={name} onChange={setName} error={form.errors.name} />
              <FieldText label={t('account.fields.email')} type="email" autoComplete="email" required value={email} onChange={setEmail} error={form.errors.email} />
              <FieldText
                label={t('account.fields.newPassword')}
                type="password"
                autoComplete="new-password"
                required
                minLength={MIN_PASSWORD}
                maxLength={1024}
                value={password}
                onChange={setPassword}
                error={form.errors.password}
                hint={t('account.passwordPolicy')}
              />
              <FormFailure message={form.failure} />
              <button type="submit" className="button" disabled={form.sending || name.trim() === '' || email.trim() === ''}>
                {form.sending ? t('account.sending') : t('account.register.submit')}
              </button>
            </form>
          )}
          <p>
            {t('account.register.haveAccount')} <a href={withLanguage('/sign-in', language)}>{t('account.signIn.title')}</a>
          </p>
        </>
      )}
    </AccountLayout>
  )
}
