import { useTranslation } from 'react-i18next'

/** What a page shows while its code arrives: one polite status line, announced once. */
export function PageLoading() {
  const { t } = useTranslation()
  return (
    <main id="main" className="page-loading">
      <p role="status">{t('app.loading')}</p>
    </main>
  )
}
