import type { LayerSummary } from '../api-client/index.ts'
import { THEME_ORDER, type ThemeId } from './themes.ts'

/** The layers of one theme, in the order the API listed them. */
export interface ThemeGroup {
  theme: ThemeId
  layers: LayerSummary[]
}

/** The catalogue split for display: basemap layers apart, the rest grouped by theme. */
export interface CatalogueGroups {
  basemap: LayerSummary[]
  themes: ThemeGroup[]
}

/**
 * Splits a city's layers into the always-on basemap and toggleable theme groups, the groups in
 * the catalogue's theme order. Themes without layers are left out.
 */
export function groupCatalogue(layers: readonly LayerSummary[]): CatalogueGroups {
  const basemap = layers.filter((layer) => layer.style.basemap)
  const toggleable = layers.filter((layer) => !layer.style.basemap)
  const themes = THEME_ORDER.map((theme) => ({
    theme,
    layers: toggleable.filter((layer) => layer.theme === theme),
  })).filter((group) => group.layers.length > 0)
  return { basemap, themes }
}
