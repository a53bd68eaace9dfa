import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'

/** The export formats offered for every layer, in display order. */
const FORMATS = [
  { key: 'geojson', label: 'GeoJSON' },
  { key: 'csv', label: 'CSV' },
] as const

/** Download links for a layer's data (GeoJSON and CSV exports from the API). */
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
    </p>
  )
}
