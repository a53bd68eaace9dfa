import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { deleteAccount } from './account-api.ts'
import { FormFailure } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { useAccountForm } from './use-account-form.ts'

/**
 * Deleting the account, behind a disclosure and a confirmation: the password, or for an account
 * without one a checkbox. What happens to the appeals is said before, not after.
 */
export function DeleteAccountPanel({ hasPassword, onDeleted }: { hasPassword: boolean; onDeleted(): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const [password, setPassword] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const form = useAccountForm((problem) => (problem.status === 403 ? t('account.invalid.password_wrong') : undefined))
  const send = (event: FormEvent) => {
    event.preventDefault()
    form.run(() => deleteAccount(hasPassword ? { password } : { confirm: true }), onDeleted)
  }
  return (
    <section aria-labelledby="account-delete">
      <h2 id="account-delete">{t('account.delete.title')}</h2>
      <button type="button" className="button button--secondary" aria-expanded={open} aria-controls={`${id}-panel`} onClick={() => setOpen(!open)}>
        {t('account.delete.open')}
      </button>
      <div id={`${id}-panel`} hidden={!open}>
        <p>{t('account.delete.explain')}</p>
        <form onSubmit={send} noValidate>
          {hasPassword ? (
            <FieldText label={t('account.fields.password')} type="password" autoComplete="current-password" required value={password} onChange={setPassword} error={form.errors.password} />
          ) : (
            <div className="field-stack">
              <label>
                <input type="checkbox" checked={confirmed} onChange={(event) => setConfirmed(event.currentTarget.checked)} /> {t('account.delete.confirm')}
              </label>
            </div>
          )}
          <FormFailure message={form.failure} />
          <button type="submit" className="button" disabled={form.sending || (hasPassword ? password === '' : !confirmed)}>
            {t('account.delete.submit')}
          </button>
        </form>
      </div>
    </section>
  )
}
