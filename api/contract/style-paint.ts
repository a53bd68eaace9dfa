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

/**
 * The width of a line layer's features: by category where the categories give widths (streets by
 * class), growing with the zoom from a third at z11 to the full width at z16, else `width` (2);
 * `extra` pixels wider for a casing drawn under the line.
 */
export function lineWidthExpression(style: LayerStyle, extra = 0): number | unknown[] {
  const base = style.width ?? 2
  if (!style.categoryField || !style.categories?.some((c) => c.width !== undefined)) return base + extra
  const byCategory = ['match', ['get', style.categoryField], ...style.categories.flatMap((c) => [c.value, c.width ?? base]), base]
  // The zoom may only be read at the top of an expression, so the casing's extra goes into each stop.
  const at = (factor: number) => ['+', ['*', factor, byCategory], extra]
  return ['interpolate', ['exponential', 1.5], ['zoom'], 11, at(0.35), 16, at(1), 19, at(3)]
}

/** A darker shade of a #rrggbb colour, for outlines and label halos. */
export function darkerColor(hex: string, factor = 0.7): string {
  const n = Number.parseInt(hex.slice(1, 7), 16)
  const c = [n >> 16, (n >> 8) & 255, n & 255].map((v) => Math.round(v * factor).toString(16).padStart(2, '0'))
  return `#${c.join('')}`
}
