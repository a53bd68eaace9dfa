import { useState } from 'react'
import { useTranslation } from 'react-i18next'

/**
 * The links that download every match of the current filters (CSV and GeoJSON, not paged), and
 * the button that copies the page's address, which restores the same view for whoever opens it.
 */
export function ListTools({ csv, geojson }: { csv: string; geojson: string }) {
  const { t } = useTranslation()
  const [copied, setCopied] = useState<'yes' | 'failed'>()
  const copy = () => {
    navigator.clipboard.writeText(window.location.href).then(
      () => setCopied('yes'),
      (error: unknown) => {
        // Clipboard access can be refused (an insecure origin, a denied permission): say so, the address bar still has the link.
        console.error('Could not copy the link:', error)
        setCopied('failed')
      },
    )
  }
  return (
    <div className="property-tools">
      <span className="property-tools__label">{t('property.export.label')}</span>
      <a className="button button--small button--secondary" href={csv} download data-export="csv">
        {t('property.export.csv')}
      </a>
      <a className="button button--small button--secondary" href={geojson} download data-export="geojson">
        {t('property.export.geojson')}
      </a>
      <button type="button" className="button button--small button--secondary" onClick={copy}>
        {t('property.export.copyLink')}
      </button>
      <span role="status" className="property-tools__copied">
        {copied === 'yes' ? t('property.export.copied') : copied === 'failed' ? t('property.export.copyFailed') : ''}
      </span>
    </div>
  )
}

/** What the colours of the map mean: each status with its colour. */
export function StatusLegend({ colours, labelOf }: { colours: Readonly<Record<string, string>>; labelOf(status: string): string }) {
  const { t } = useTranslation()
  return (
    <figure className="property-legend">
      <figcaption>{t('property.legend')}</figcaption>
      <ul>
        {Object.entries(colours).map(([status, colour]) => (
          <li key={status} data-status={status}>
            <span className="property-legend__swatch" style={{ background: colour }} aria-hidden="true" /> {labelOf(status)}
          </li>
        ))}
      </ul>
    </figure>
  )
}

/** The section's views (the register, the investment map, the works calendar), the current one marked. */
export function SectionNav({ current, query }: { current: 'property' | 'investment' | 'works'; query: string }) {
  const { t } = useTranslation()
  return (
    <nav className="property-nav" aria-label={t('property.section')}>
      <a href={`/property${query}`} aria-current={current === 'property' ? 'page' : undefined}>
        {t('property.register.title')}
      </a>
      <a href={`/investment${query}`} aria-current={current === 'investment' ? 'page' : undefined}>
        {t('property.investment.title')}
      </a>
      <a href={`/works${query}`} aria-current={current === 'works' ? 'page' : undefined}>
        {t('works.title')}
      </a>
    </nav>
  )
}
