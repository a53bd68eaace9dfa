import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { formatDay } from '../appeals/index.ts'
import type { Language } from '../url-state/index.ts'
import { renameAccount, type AccountProfile } from './account-api.ts'
import { FormFailure } from './AccountLayout.tsx'
import { FieldText } from '../ui/index.ts'
import { useAccountForm } from './use-account-form.ts'

/** The profile: the address, roles and sign-in ways as facts, and the name as a form. */
export function ProfilePanel({ profile, language, onChanged }: { profile: AccountProfile; language: Language; onChanged(): void }) {
  const { t } = useTranslation()
  const [name, setName] = useState(profile.name)
  const form = useAccountForm()
  const send = (event: FormEvent) => {
    event.preventDefault()
    form.run(() => renameAccount(name.trim()), onChanged)
  }
  return (
    <section aria-labelledby="account-profile">
      <h2 id="account-profile">{t('account.page.profile')}</h2>
      <dl>
        <dt>{t('account.fields.email')}</dt>
        <dd>
          {profile.email} {!profile.email_confirmed && `(${t('account.page.unconfirmed')})`}
        </dd>
        <dt>{t('account.page.roles')}</dt>
        <dd>{profile.roles.map((role) => t(`account.roles.${role}`)).join(', ')}</dd>
        <dt>{t('account.page.since')}</dt>
        <dd>{formatDay(profile.created_at, language)}</dd>
        <dt>{t('account.page.providers')}</dt>
        <dd>{profile.providers.map((provider) => t(`account.providers.${provider}`)).join(', ')}</dd>
      </dl>
      <form onSubmit={send} noValidate>
        <FieldText label={t('account.fields.name')} autoComplete="name" required maxLength={200} value={name} onChange={setName} error={form.errors.name} />
        <FormFailure message={form.failure} />
        <p role="status">{form.state.status === 'done' ? t('account.page.saved') : ''}</p>
        <button type="submit" className="button button--secondary" disabled={form.sending || name.trim() === '' || name.trim() === profile.name}>
          {t('account.page.saveName')}
        </button>
      </form>
    </section>
  )
}
