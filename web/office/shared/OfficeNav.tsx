import { useTranslation } from 'react-i18next'
import { AnySchema, sendJson, type SignedInUser } from '../../api-client/index.ts'
import type { OfficeSection } from '../../../api/contract/index.ts'
import type { Language } from '../../url-state/index.ts'
import { officeHref } from './office-query.ts'
import { sectionsFor } from './office-sections.ts'

/** The office menu: the sections the user's roles open, who is signed in, and signing out. */
export function OfficeNav({ user, active, language }: { user: SignedInUser; active: OfficeSection | undefined; language: Language }) {
  const { t } = useTranslation()
  const signOut = async () => {
    await sendJson('/api/auth/logout', AnySchema, { body: {} })
    window.location.assign(language === 'uk' ? '/' : `/?lang=${language}`)
  }
  return (
    <nav className="office-nav" aria-label={t('office.nav.label')}>
      <ul className="office-nav__sections">
        {sectionsFor(user).map((section) => (
          <li key={section}>
            <a href={officeHref(section === 'home' ? '/office' : `/office/${section}`, language)} aria-current={section === active ? 'page' : undefined}>
              {t(`office.section.${section}`)}
            </a>
          </li>
        ))}
        {user.permissions.includes('appeals:triage') && (
          // Moderators hide comments on each consultation's page; the list of consultations is the Planning section.
          <li>
            <a href={officeHref('/planning', language)}>{t('planning.public.consultations')}</a>
          </li>
        )}
        {user.permissions.includes('layers:manage') && (
          <li>
            <a href={officeHref('/planning/cabinet', language)} aria-current={window.location.pathname.startsWith('/planning/cabinet') ? 'page' : undefined}>
              {t('planning.cabinet.title')}
            </a>
          </li>
        )}
      </ul>
      <p className="office-nav__user">
        <span>{user.name || user.email}</span>{' '}
        <button type="button" className="link-button" onClick={() => void signOut()}>
          {t('office.signOut')}
        </button>
      </p>
    </nav>
  )
}
