import { useTranslation } from 'react-i18next'
import { PublicAppealSchema } from '../api-client/index.ts'
import { PageHeader } from '../ui/index.ts'
import { useApiResource, usePageLanguage } from '../hooks/index.ts'
import { AppealDetails } from './AppealDetails.tsx'

/** `/appeals/{number}`: an appeal's public page. */
export function AppealPage({ number }: { number: string }) {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const appeal = useApiResource(`/api/appeals/${encodeURIComponent(number)}`, PublicAppealSchema)
  const city = appeal.status === 'ready' ? appeal.data.city : undefined
  const mapHref = `/?${city ? `city=${city}&layers=${city}-appeals` : ''}${language === 'uk' ? '' : `&lang=${language}`}`
  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={setLanguage} />
      <main id="content" className="page">
        {appeal.status === 'loading' && <p>{t('app.loading')}</p>}
        {appeal.status === 'failed' && (
          <div role="alert">
            <h1>{appeal.problem.status === 404 ? t('appeal.notFound', { number }) : appeal.problem.title}</h1>
            {appeal.problem.status !== 404 && appeal.problem.detail && <p>{appeal.problem.detail}</p>}
          </div>
        )}
        {appeal.status === 'ready' && <AppealDetails appeal={appeal.data} language={language} />}
      </main>
    </>
  )
}
