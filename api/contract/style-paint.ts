import type { LayerStyle } from './layers.ts'

/*
 * The paint a layer's style gives its features, as MapLibre expressions in plain JSON: one
 * definition for the city style the server writes and for the cabinet's live preview, so a
 * planner sees on the preview what residents will see on the map.
 */

/**
 * The colour of a feature: by category when the layer has some, else by class of a number
 * (graduated), else the layer colour. A feature without the number takes the layer colour.
 */
export function featureColorExpression(style: LayerStyle): string | unknown[] {
  if (style.categoryField && style.categories?.length) {
    const pairs = style.categories.flatMap((c) => [c.value, c.color])
    return ['match', ['get', style.categoryField], ...pairs, style.color]
  }
  const graduated = style.graduated
  if (graduated?.stops.length) {
    const field = graduated.field
    const steps = graduated.stops.flatMap((s) => [s.value, s.color])
    return ['case', ['==', ['typeof', ['get', field]], 'number'], ['step', ['get', field], style.color, ...steps], style.color]
  }
  return style.color
}

/** A darker shade of a #rrggbb colour, for outlines and label halos. */
export function darkerColor(hex: string, factor = 0.7): string {
  const n = Number.parseInt(hex.slice(1, 7), 16)
  const c = [n >> 16, (n >> 8) & 255, n & 255].map((v) => Math.round(v * factor).toString(16).padStart(2, '0'))
  return `#${c.join('')}`
}
