import type { CSSProperties } from 'react'
import type { GeometryKind, LayerStyle } from '../../api/contract/index.ts'
import { pickText } from '../i18n/index.ts'
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
 * The layer's colour categories as a list of swatches with their labels, for layers coloured by
 * an attribute (`style.categories`). Renders nothing for a single-colour layer.
 */
export function LegendCategories({ style, geometry, language }: LegendProps & { language: Language }) {
  if (!style.categories || style.categories.length === 0) return null
  return (
    <ul className="legend-categories">
      {style.categories.map((category) => (
        <li key={String(category.value)}>
          <LegendSwatch style={style} geometry={geometry} color={category.color} />
          {pickText(category.label, language)}
        </li>
      ))}
    </ul>
  )
}
