import '../css/data.css'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { DataCatalogue } from '../../api/contract/index.ts'
import { useApiResource, useMapUrlState, usePageLanguage } from '../hooks/index.ts'
import { PageHeader } from '../ui/index.ts'
import { dataUseSnippets, type Snippet } from './use-snippets.ts'

const TOOLS: ReadonlyArray<Snippet['tool']> = ['qgis', 'gdal', 'python', 'javascript', 'catalogue']

/**
 * `/data/use?city=…`: how to open the city's data in QGIS, GDAL, Python and JavaScript, with
 * URLs to copy on this site's own origin; the examples open one of the city's layers.
 */
export function DataUsePage() {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const { state } = useMapUrlState()
  const catalogue = useApiResource('/api/catalogue', DataCatalogue)
  useEffect(() => {
    document.title = `${t('data.use.title')} — ${t('app.title')}`
  }, [t])
  const datasets = catalogue.status === 'ready' ? catalogue.data.datasets : []
  const example = datasets.find((p) => p.city === state.city && !p.synthetic) ?? datasets.find((p) => !p.synthetic) ?? datasets[0]
  const snippets = example ? dataUseSnippets(window.location.origin, { id: example.id, city: example.city, tilejson: example.links.tilejson }) : []
  return (
    <>
      <PageHeader language={language} mapHref={`/${state.city ? `?city=${state.city}` : ''}`} onLanguageChange={setLanguage} cityId={state.city} />
      <main id="content" className="page data-page data-use">
        <h1>{t('data.use.title')}</h1>
        <p>{t('data.use.intro')}</p>
        <p>
          <a href={`/data${language === 'uk' ? '' : `?lang=${language}`}`}>{t('data.use.back')}</a>
        </p>
        {example && <p>{t('data.use.example', { id: example.id })}</p>}
        {catalogue.status === 'failed' && <p role="alert">{t('data.failed', { reason: catalogue.problem.detail ?? catalogue.problem.title })}</p>}
        {TOOLS.map((tool) => (
          <section key={tool} aria-labelledby={`use-${tool}`}>
            <h2 id={`use-${tool}`}>{t(`data.use.tool.${tool}`)}</h2>
            {snippets
              .filter((s) => s.tool === tool)
              .map((s) => (
                <figure key={s.id} className="data-use__snippet" data-snippet={s.id}>
                  <figcaption>{t(`data.use.snippet.${s.caption}`)}</figcaption>
                  <pre tabIndex={0}>
                    <code>{s.code}</code>
                  </pre>
                </figure>
              ))}
          </section>
        ))}
      </main>
    </>
  )
}
