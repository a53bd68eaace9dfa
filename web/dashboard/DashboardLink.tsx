import './dashboard.css'
import { useTranslation } from 'react-i18next'
import type { Language } from '../url-state/index.ts'

/** A link from the map's header to the public figures of the city shown, in the same language. */
export function DashboardLink({ cityId, language }: { cityId: string | undefined; language: Language }) {
  const { t } = useTranslation()
  const query = new URLSearchParams()
  if (cityId) query.set('city', cityId)
  if (language !== 'uk') query.set('lang', language)
  const search = query.toString()
  return (
    <a className="dashboard-link" href={`/dashboard${search ? `?${search}` : ''}`}>
      {t('dashboard.link')}
    </a>
  )
}
