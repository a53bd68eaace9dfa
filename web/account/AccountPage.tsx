import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { AccountProfileSchema, signOut } from './account-api.ts'
import { AccountLayout, withLanguage } from './AccountLayout.tsx'
import { DeleteAccountPanel } from './DeleteAccountPanel.tsx'
import { OwnAppealsPanel } from './OwnAppealsPanel.tsx'
import { PasswordPanel } from './PasswordPanel.tsx'
import { ProfilePanel } from './ProfilePanel.tsx'

/** `/account`: the signed-in resident's profile, password, own appeals and account deletion. */
export function AccountPage() {
  const { t } = useTranslation()
  const [revision, setRevision] = useState(0)
  const profile = useApiResource('/api/account', AccountProfileSchema, revision)
  return (
    <AccountLayout>
      {(language) => (
        <>
          <h1>{t('account.page.title')}</h1>
          {profile.status === 'loading' && <p>{t('app.loading')}</p>}
          {profile.status === 'failed' &&
            (profile.problem.status === 401 ? (
              <p>
                <a href={withLanguage(`/sign-in?next=${encodeURIComponent('/account')}`, language)}>{t('account.page.signInFirst')}</a>
              </p>
            ) : (
              <p role="alert">{[profile.problem.title, profile.problem.detail].filter(Boolean).join(': ')}</p>
            ))}
          {profile.status === 'ready' && (
            <>
              <ProfilePanel profile={profile.data} language={language} onChanged={() => setRevision((r) => r + 1)} />
              <p>
                <button type="button" className="button button--secondary" onClick={() => void signOut().then(() => window.location.assign(withLanguage('/', language)))}>
                  {t('account.page.signOut')}
                </button>
              </p>
              <OwnAppealsPanel appeals={profile.data.appeals} language={language} />
              {profile.data.providers.includes('password') && <PasswordPanel />}
              {profile.data.roles.every((role) => role === 'resident') && (
                <DeleteAccountPanel hasPassword={profile.data.providers.includes('password')} onDeleted={() => window.location.assign(withLanguage('/', language))} />
              )}
            </>
          )}
        </>
      )}
    </AccountLayout>
  )
}
