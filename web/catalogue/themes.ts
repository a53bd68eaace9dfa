import type { THEMES, ThemeId } from '../../layers/index.ts'

/**
 * The catalogue's themes in display order. The layer module owns the list; the web app may only
 * import its types, so the order is repeated here and typed as `typeof THEMES`, which makes the
 * compiler reject any difference in members or order.
 */
export const THEME_ORDER: typeof THEMES = [
  'boundaries',
  'districts',
  'urban-planning',
  'property-land',
  'development-budget',
  'repairs',
  'structures',
  'trade',
  'social',
  'buildings',
  'transport',
  'elections',
  'appeals',
]

export type { ThemeId }
