import type { LayerStyle } from '../../api/contract/index.ts'

/** One colour category of a style. */
export type StyleCategory = NonNullable<LayerStyle['categories']>[number]
/** One graduated class of a style: features at least `value` take `color`. */
export type StyleStop = NonNullable<LayerStyle['graduated']>['stops'][number]
/** How numbers are split into classes. */
export type ClassMethod = 'quantile' | 'equal'

/** Tableau 10: distinct colours for categories, readable on the light basemap. */
export const QUALITATIVE_PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'] as const

/** ColorBrewer OrRd, light to dark, by number of classes (2 to 7). */
export const SEQUENTIAL_PALETTE: ReadonlyArray<readonly string[] | undefined> = [
  undefined,
  undefined,
  ['#fdbb84', '#e34a33'],
  ['#fee8c8', '#fdbb84', '#e34a33'],
  ['#fef0d9', '#fdcc8a', '#fc8d59', '#d7301f'],
  ['#fef0d9', '#fdcc8a', '#fc8d59', '#e34a33', '#b30000'],
  ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#e34a33', '#b30000'],
  ['#fef0d9', '#fdd49e', '#fdbb84', '#fc8d59', '#ef6548', '#d7301f', '#990000'],
]

/** The most classes a graduated style offers. */
export const MAX_CLASSES = 7
/** The most categories the server takes. */
const MAX_CATEGORIES = 100

/**
 * The categories of a field from its values: each distinct value (most frequent first) with a
 * colour of {@link QUALITATIVE_PALETTE} and itself as label; a value already in `kept` keeps its
 * colour and labels. Empty values are left out: such features take the layer colour.
 */
export function categoriesFor(values: ReadonlyArray<unknown>, kept: readonly StyleCategory[] = []): StyleCategory[] {
  const counts = new Map<string | number, number>()
  for (const value of values) {
    if (typeof value !== 'string' && typeof value !== 'number') continue
    if (value === '') continue
    counts.set(value, (counts.get(value) ?? 0) + 1)
  }
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value)
  return ordered.slice(0, MAX_CATEGORIES).map((value, i) => {
    const known = kept.find((category) => category.value === value)
    return known ?? { value, color: QUALITATIVE_PALETTE[i % QUALITATIVE_PALETTE.length]!, label: { uk: String(value), en: String(value) } }
  })
}

/** The lower bounds of `classes` classes of `values`, ascending and without repeats. */
export function classBreaks(values: readonly number[], classes: number, method: ClassMethod): number[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  if (sorted.length === 0) return []
  const min = sorted[0]!
  const max = sorted[sorted.length - 1]!
  const breaks = Array.from({ length: classes }, (_, i) =>
    method === 'equal' ? roundBreak(min + ((max - min) * i) / classes) : sorted[Math.floor((i / classes) * sorted.length)]!,
  )
  return breaks.filter((value, i) => i === 0 || value > breaks[i - 1]!)
}

/** Breaks rounded to what a legend can show, without merging neighbours. */
function roundBreak(value: number): number {
  return Number(value.toPrecision(6))
}

/** The graduated stops of `values`: {@link classBreaks} coloured light to dark, labelled by their ranges. */
export function graduatedStops(values: readonly number[], classes: number, method: ClassMethod): StyleStop[] {
  const breaks = classBreaks(values, classes, method)
  const colors = SEQUENTIAL_PALETTE[Math.max(2, Math.min(MAX_CLASSES, breaks.length))]!
  return breaks.map((value, i) => {
    const next = breaks[i + 1]
    const range = next === undefined ? `≥ ${value}` : `${value} – ${next}`
    return { value, color: colors[i]!, label: { uk: range, en: range } }
  })
}
