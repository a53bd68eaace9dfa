import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'

/** The export formats offered for every layer, in display order. */
const FORMATS = [
  { key: 'geojson', label: 'GeoJSON' },
  { key: 'csv', label: 'CSV' },
  { key: 'gpkg', label: 'GeoPackage' },
  { key: 'fgb', label: 'FlatGeobuf' },
] as const

/** Download links for a layer's data: the exports of the API that GIS open, and the layer's passport. */
export function LayerDownloads({ layer, title }: { layer: LayerSummary; title: string }) {
  const { t } = useTranslation()
  return (
    <p className="layer-downloads">
      <span>{t('catalogue.download')}:</span>
      {FORMATS.map(({ key, label }) => (
        <a key={key} href={layer.downloads[key]} download aria-label={t('catalogue.downloadAs', { title, format: label })}>
          {label}
        </a>
      ))}
      <a href={`/data?city=${layer.city}#${layer.id}`}>{t('catalogue.passport')}</a>
    </p>
  )
}
