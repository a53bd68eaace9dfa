import { useTranslation } from 'react-i18next'
import type { SignedInUser } from '../api-client/index.ts'
import type { Language } from '../url-state/index.ts'
import { officeHref, sectionsFor } from './shared/index.ts'

/** `/office`: whom the office knows the user as, and what each of their sections is for. */
export function OfficeHome({ user, language }: { user: SignedInUser; language: Language }) {
  const { t } = useTranslation()
  const sections = sectionsFor(user).filter((section) => section !== 'home')
  return (
    <>
      <h1>{t('office.title')}</h1>
      <p>{t('office.home.greeting', { name: user.name || user.email })}</p>
      <p className="field-hint">{t('office.home.roles', { roles: user.roles.map((role) => t(`office.role.${role}`)).join(', ') })}</p>
      <ul className="office-cards">
        {sections.map((section) => (
          <li key={section} className="office-card">
            <h2>
              <a href={officeHref(`/office/${section}`, language)}>{t(`office.section.${section}`)}</a>
            </h2>
            <p>{t(`office.home.about.${section}`)}</p>
          </li>
        ))}
      </ul>
    </>
  )
}
