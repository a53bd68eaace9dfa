import { useTranslation } from 'react-i18next'
import { usePageLanguage } from '../hooks/index.ts'
import { PageHeader } from '../ui/index.ts'

/** What a path the app does not know shows: a way back to the map. */
export function NotFoundPage() {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const mapHref = language === 'uk' ? '/' : `/?lang=${language}`
  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={setLanguage} />
      <main id="content" className="page">
        <h1>{t('notFound.heading')}</h1>
        <p>
          <a href={mapHref}>{t('notFound.toMap')}</a>
        </p>
      </main>
    </>
  )
}
