import type { CSSProperties } from 'react'
import type { GeometryKind, LayerStyle } from '../../api/contract/index.ts'
import type { LayerSummary } from '../api-client/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link LegendSwatch} and {@link LegendCategories}. */
export interface LegendProps {
  style: LayerStyle
  geometry: GeometryKind
}

/** One coloured mark shaped like the layer's geometry: a dot, a stroke or a filled square. */
export function LegendSwatch({ style, geometry, color = style.color }: LegendProps & { color?: string }) {
  const stroke = style.stroke ?? color
  const look: CSSProperties =
    geometry === 'line'
      ? { backgroundColor: stroke }
      : { backgroundColor: color, borderColor: stroke, opacity: geometry === 'polygon' ? Math.max(style.opacity ?? 0.35, 0.6) : 1 }
  return <span className={`legend-swatch legend-swatch--${geometry}`} style={look} aria-hidden="true" />
}

/**
 * The layer's colours as a list of swatches with their labels: its categories for a layer
 * coloured by an attribute (`style.categories`), else its classes for a layer coloured by a
 * number (`style.graduated`), each labelled by its own label or its range. Renders nothing for a
 * single-colour layer.
 */
export function LegendCategories({ style, geometry, language }: LegendProps & { language: Language }) {
  const entries = legendEntries(style, language)
  if (entries.length === 0) return null
  return (
    <ul className="legend-categories">
      {entries.map((entry) => (
        <li key={entry.key}>
          <LegendSwatch style={style} geometry={geometry} color={entry.color} />
          {entry.label}
        </li>
      ))}
    </ul>
  )
}

interface LegendEntry {
  key: string
  color: string
  label: string
}

/** The rows of a legend: categories first, as the map colours by them first. */
function legendEntries(style: LayerStyle, language: Language): LegendEntry[] {
  if (style.categories?.length) {
    return style.categories.map((c) => ({ key: String(c.value), color: c.color, label: pickText(c.label, language) }))
  }
  const stops = style.graduated?.stops ?? []
  const format = new Intl.NumberFormat(LOCALE_OF[language], { maximumFractionDigits: 2 })
  return stops.map((stop, i) => {
    const next = stops[i + 1]
    const range = next === undefined ? `≥ ${format.format(stop.value)}` : `${format.format(stop.value)} – ${format.format(next.value)}`
    const label = stop.label ? pickText(stop.label, language) : ''
    return { key: String(stop.value), color: stop.color, label: label || range }
  })
}

/** A layer's whole legend: its classes or categories, or one swatch with its title for a single-colour layer. */
export function LayerLegend({ layer, language }: { layer: LayerSummary; language: Language }) {
  if (layer.style.categories?.length || layer.style.graduated?.stops.length) {
    return <LegendCategories style={layer.style} geometry={layer.geometry_type} language={language} />
  }
  return (
    <ul className="legend-categories">
      <li>
        <LegendSwatch style={layer.style} geometry={layer.geometry_type} />
        {pickText(layer.title, language)}
      </li>
    </ul>
  )
}
