import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { LayerDownloads } from './LayerDownloads.tsx'
import { LegendCategories } from './LegendSwatch.tsx'

/**
 * What the catalogue says under a layer's name: its feature count, a "synthetic data" badge for
 * generated layers, its legend categories, its source and licence, and download links.
 */
export function LayerDetails({ layer, language }: { layer: LayerSummary; language: Language }) {
  const { t } = useTranslation()
  const title = pickText(layer.title, language)
  const formattedCount = new Intl.NumberFormat(LOCALE_OF[language], { useGrouping: 'min2' }).format(layer.feature_count)
  return (
    <div className="layer-details">
      <p className="layer-details__meta">
        <span>{t('catalogue.featureCount', { count: layer.feature_count, formattedCount })}</span>
        {layer.synthetic && (
          <span className="badge badge--synthetic" title={t('catalogue.syntheticHint')}>
            {t('catalogue.synthetic')}
          </span>
        )}
      </p>
      <LegendCategories style={layer.style} geometry={layer.geometry_type} language={language} />
      <p className="layer-details__source">
        {t('catalogue.source', { attribution: layer.attribution, licence: layer.licence })}
      </p>
      <LayerDownloads layer={layer} title={title} />
    </div>
  )
}
