import type { LayerSummary } from '../api-client/index.ts'

/** Themes whose layers a city opens with when the URL names no layers. */
const DEFAULT_THEMES = new Set(['districts', 'property-land'])

/** How many layers a city opens with. */
const DEFAULT_LAYER_COUNT = 2

/**
 * The layers shown when the URL names none: the first two toggleable (non-basemap) layers whose
 * theme is districts or property-land, or else the first toggleable layer. Layers drawn at the
 * city's opening zoom come first, so a city never opens on an empty map. Returns an empty list
 * for a city with no toggleable layers.
 * @example defaultLayerIds(kyivLayers, 11) // ['kyiv-districts', 'kyiv-land-parcels']
 */
export function defaultLayerIds(layers: readonly LayerSummary[], openingZoom = Infinity): string[] {
  const all = layers.filter((layer) => !layer.style.basemap)
  const drawn = all.filter((layer) => layer.minzoom <= openingZoom)
  const toggleable = drawn.length > 0 ? drawn : all
  const preferred = toggleable.filter((layer) => DEFAULT_THEMES.has(layer.theme)).slice(0, DEFAULT_LAYER_COUNT)
  const chosen = preferred.length > 0 ? preferred : toggleable.slice(0, 1)
  return chosen.map((layer) => layer.id)
}
