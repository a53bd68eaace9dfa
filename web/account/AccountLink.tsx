import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../url-state/index.ts'
import { fetchSignedInUser } from './account-api.ts'
import type { SignedInUser } from '../api-client/index.ts'
import { withLanguage } from './AccountLayout.tsx'
import { homeOf } from './next-path.ts'

/**
 * The header's link to the account: "Sign in" for a visitor, the user's name (to the account
 * page, or the office for staff) when signed in. Nothing shows until the answer is in, so the
 * link does not flip from one to the other.
 */
export function AccountLink({ language }: { language: Language }) {
  const { t } = useTranslation()
  const [user, setUser] = useState<SignedInUser | null | undefined>()
  useEffect(() => {
    const controller = new AbortController()
    fetchSignedInUser(controller.signal).then(setUser, (error: unknown) => {
      if (controller.signal.aborted) return
      // The map works without an account: a failed check shows the sign-in link.
      console.error('Could not check the sign-in:', error)
      setUser(null)
    })
    return () => controller.abort()
  }, [])
  if (user === undefined) return null
  if (user === null) {
    return (
      <a className="account-link" href={withLanguage('/sign-in', language)}>
        {t('account.signIn.title')}
      </a>
    )
  }
  return (
    <a className="account-link" href={withLanguage(homeOf(user), language)}>
      {user.name || t('account.page.title')}
    </a>
  )
}
