import { useTranslation } from 'react-i18next'
import { formatDay, StatusBadge } from '../appeals/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import type { AccountProfile } from './account-api.ts'
import { withLanguage } from './AccountLayout.tsx'

/** The appeals sent from this account, newest first, each linking to its public page. */
export function OwnAppealsPanel({ appeals, language }: { appeals: AccountProfile['appeals']; language: Language }) {
  const { t } = useTranslation()
  return (
    <section aria-labelledby="account-appeals">
      <h2 id="account-appeals">{t('account.page.appeals')}</h2>
      {appeals.length === 0 ? (
        <p>{t('account.page.noAppeals')}</p>
      ) : (
        <ul className="account-appeals">
          {appeals.map((appeal) => (
            <li key={appeal.number}>
              <a href={withLanguage(`/appeals/${appeal.number}`, language)}>{appeal.number}</a> · {pickText(appeal.category, language)} · {formatDay(appeal.created_at, language)}{' '}
              <StatusBadge status={appeal.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
