import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { changePassword } from './account-api.ts'
import { FormFailure } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { useAccountForm } from './use-account-form.ts'

/** Changing the password with the current one; the account's other sessions end. */
export function PasswordPanel() {
  const { t } = useTranslation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const form = useAccountForm((problem) => (problem.status === 403 ? t('account.invalid.current_password') : undefined))
  const send = (event: FormEvent) => {
    event.preventDefault()
    form.run(() => changePassword(current, next), () => {
      setCurrent('')
      setNext('')
    })
  }
  return (
    <section aria-labelledby="account-password">
      <h2 id="account-password">{t('account.page.password')}</h2>
      <form onSubmit={send} noValidate>
        <FieldText label={t('account.fields.currentPassword')} type="password" autoComplete="current-password" required value={current} onChange={setCurrent} error={form.errors.current_password} />
        <FieldText
          label={t('account.fields.newPassword')}
          type="password"
          autoComplete="new-password"
          required
          value={next}
          onChange={setNext}
          error={form.errors.new_password}
          hint={t('account.passwordPolicy')}
        />
        <FormFailure message={form.failure} />
        <p role="status">{form.state.status === 'done' ? t('account.page.passwordChanged') : ''}</p>
        <button type="submit" className="button button--secondary" disabled={form.sending || current === '' || next === ''}>
          {t('account.page.changePassword')}
        </button>
      </form>
    </section>
  )
}
