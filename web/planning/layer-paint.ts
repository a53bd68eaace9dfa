import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl'
import { darkerColor, featureColorExpression, type GeometryKind, type LayerStyle } from '../../api/contract/index.ts'

/*
 * The paint of a layer as the city style draws it, for the editor's live preview of features
 * held in the page (a GeoJSON source). The colour expression is the contract's
 * `featureColorExpression`, the one the server's city style uses, so a planner sees on the
 * preview what residents will see on the map.
 */

/** The style's defaults when a value is unset, as the city style has them. */
const DEFAULTS = { opacity: 0.35, radius: 5, lineWidth: 2, outlineWidth: 1 }

/**
 * The MapLibre style layers that draw a GeoJSON source `sourceId` of one geometry kind with
 * `style`: a fill and its outline, a line, or circles, and a label layer when the style names a
 * label field. Their ids start with `sourceId`.
 */
export function previewStyleLayers(sourceId: string, geometry: GeometryKind, style: LayerStyle): LayerSpecification[] {
  const color = featureColorExpression(style) as string | ExpressionSpecification
  const out: LayerSpecification[] = []
  if (geometry === 'polygon') {
    out.push({ id: sourceId, source: sourceId, type: 'fill', paint: { 'fill-color': color, 'fill-opacity': style.opacity ?? DEFAULTS.opacity } })
    out.push({
      id: `${sourceId}-outline`,
      source: sourceId,
      type: 'line',
      paint: { 'line-color': style.stroke ?? darkerColor(style.color), 'line-width': style.width ?? DEFAULTS.outlineWidth },
    })
  } else if (geometry === 'line') {
    out.push({
      id: sourceId,
      source: sourceId,
      type: 'line',
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': color, 'line-width': style.width ?? DEFAULTS.lineWidth, 'line-opacity': 0.85 },
    })
  } else {
    out.push({
      id: sourceId,
      source: sourceId,
      type: 'circle',
      paint: { 'circle-color': color, 'circle-radius': style.radius ?? DEFAULTS.radius, 'circle-opacity': 0.9, 'circle-stroke-color': style.stroke ?? '#ffffff', 'circle-stroke-width': 1 },
    })
  }
  if (style.label) {
    out.push({
      id: `${sourceId}-label`,
      source: sourceId,
      type: 'symbol',
      layout: {
        'text-field': ['to-string', ['get', style.label]],
        'text-font': ['Noto Sans Regular'],
        'text-size': 12,
        'text-max-width': 8,
        ...(geometry === 'line' && { 'symbol-placement': 'line' as const }),
        ...(geometry === 'point' && { 'text-offset': [0, 1.1] as [number, number], 'text-anchor': 'top' as const, 'text-optional': true }),
      },
      paint: { 'text-color': '#1f2328', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 },
    })
  }
  return out
}

/** The colours of the "what changed" view: added green, changed orange, removed red (and dashed). */
export const CHANGE_COLORS = { added: '#2e7d32', changed: '#ef6c00', removed: '#c62828' } as const

/**
 * The style layers of the "what changed" view of a revision's changes (each feature with its
 * `change` in its properties): filled and outlined by change, removed features dashed.
 */
export function changeStyleLayers(sourceId: string, geometry: GeometryKind): LayerSpecification[] {
  const color = ['match', ['get', 'change'], 'added', CHANGE_COLORS.added, 'changed', CHANGE_COLORS.changed, CHANGE_COLORS.removed] as ExpressionSpecification
  const removed = ['==', ['get', 'change'], 'removed'] as ExpressionSpecification
  const kept = ['!=', ['get', 'change'], 'removed'] as ExpressionSpecification
  if (geometry === 'point') {
    return [{ id: sourceId, source: sourceId, type: 'circle', paint: { 'circle-color': color, 'circle-radius': 6, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1.5, 'circle-opacity': ['case', removed, 0.5, 0.9] } }]
  }
  const line = (id: string, filter: ExpressionSpecification, dashed: boolean): LayerSpecification => ({
    id,
    source: sourceId,
    type: 'line',
    filter,
    paint: { 'line-color': color, 'line-width': 2.5, ...(dashed && { 'line-dasharray': [2, 2] }) },
  })
  const fill: LayerSpecification[] = geometry === 'polygon' ? [{ id: sourceId, source: sourceId, type: 'fill', filter: kept, paint: { 'fill-color': color, 'fill-opacity': 0.3 } }] : []
  return [...fill, line(`${sourceId}-kept`, kept, false), line(`${sourceId}-removed`, removed, true)]
}
