import '../../css/office.css'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { SessionSchema, type SignedInUser } from '../../api-client/index.ts'
import { PageHeader } from '../../ui/index.ts'
import { useApiResource, usePageLanguage } from '../../hooks/index.ts'
import type { OfficeSection } from '../../../api/contract/index.ts'
import type { Language } from '../../url-state/index.ts'
import { OfficeNav } from './OfficeNav.tsx'
import { useOfficeQuery } from './use-office-query.ts'

/** Props of {@link OfficeShell}. */
export interface OfficeShellProps {
  /** The section the page belongs to, marked as current in the menu. */
  active?: OfficeSection
  /** The page itself, once the signed-in user is known. */
  children(user: SignedInUser, language: Language): ReactNode
}

/**
 * The frame of every back-office page: the header with the language switch, the menu of the
 * sections the user's roles open, and the page. Signed out, it shows a link to sign in that
 * comes back here.
 */
export function OfficeShell({ active, children }: OfficeShellProps) {
  const { t } = useTranslation()
  const { language } = usePageLanguage()
  const { update } = useOfficeQuery()
  const session = useApiResource('/api/auth/session', SessionSchema)
  const user = session.status === 'ready' ? session.data.user : null
  return (
    <>
      <PageHeader language={language} mapHref={language === 'uk' ? '/' : `/?lang=${language}`} onLanguageChange={(lang) => update({ lang })} />
      <div className="office">
        {user && <OfficeNav user={user} active={active} language={language} />}
        <main id="content" className="office__main">
          {session.status === 'loading' && <p role="status">{t('app.loading')}</p>}
          {session.status === 'failed' && <LoadFailure title={session.problem.detail ?? session.problem.title} />}
          {session.status === 'ready' && (user ? children(user, language) : <SignInPrompt />)}
        </main>
      </div>
    </>
  )
}

function SignInPrompt() {
  const { t } = useTranslation()
  const next = `${window.location.pathname}${window.location.search}`
  return (
    <>
      <h1>{t('office.title')}</h1>
      <p>{t('office.signedOut')}</p>
      <p>
        <a className="button" href={`/sign-in?next=${encodeURIComponent(next)}`}>
          {t('office.signIn')}
        </a>
      </p>
    </>
  )
}

/** A page that could not load: what the API said, as an alert. */
export function LoadFailure({ title }: { title: string }) {
  return (
    <div role="alert" className="office-problem">
      <p className="office-problem__title">{title}</p>
    </div>
  )
}
