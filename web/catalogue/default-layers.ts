import type { LayerSummary } from '../api-client/index.ts'

/** Themes whose layers a city opens with when the URL names no layers. */
const DEFAULT_THEMES = new Set(['districts', 'property-land'])

/** How many district and property layers a city opens with. */
const DEFAULT_LAYER_COUNT = 2

/** Whether a layer is its city's planned and emergency works (`<city>-works`), shown by default for what is on now. */
export function isWorksLayer(layer: Pick<LayerSummary, 'id' | 'city'>): boolean {
  return layer.id === `${layer.city}-works`
}

/**
 * The one parcel layer a city opens with: its property register (`<city>-property`) when it has
 * one, else its first property-land layer. Two of them would draw the same plots twice.
 */
function openingLandLayer(layers: readonly LayerSummary[]): LayerSummary | undefined {
  const land = layers.filter((layer) => layer.theme === 'property-land')
  return land.find((layer) => layer.id === `${layer.city}-property`) ?? land[0]
}

/**
 * The layers shown when the URL names none: the first two toggleable (non-basemap) layers whose
 * theme is districts or property-land, with one parcel layer at most (the register), or else the
 * first toggleable layer; then the city's works, whatever their zoom, so that what is switched
 * off now is on the map, and its appeals, what residents come to see. Layers drawn at the city's
 * opening zoom come first, so a city never opens on an empty map. Returns an empty list for a
 * city with no toggleable layers.
 * @example defaultLayerIds(kyivLayers, 11) // ['kyiv-districts', 'kyiv-property', 'kyiv-works', 'kyiv-appeals']
 */
export function defaultLayerIds(layers: readonly LayerSummary[], openingZoom = Infinity): string[] {
  const all = layers.filter((layer) => !layer.style.basemap)
  const works = all.filter(isWorksLayer)
  const appeals = all.filter((layer) => layer.theme === 'appeals')
  const others = all.filter((layer) => !isWorksLayer(layer) && layer.theme !== 'appeals')
  const drawn = others.filter((layer) => layer.minzoom <= openingZoom)
  const toggleable = drawn.length > 0 ? drawn : others
  const land = openingLandLayer(toggleable)
  const preferred = toggleable.filter((layer) => DEFAULT_THEMES.has(layer.theme) && (layer.theme !== 'property-land' || layer === land)).slice(0, DEFAULT_LAYER_COUNT)
  const chosen = preferred.length > 0 ? preferred : toggleable.slice(0, 1)
  return [...chosen, ...works, ...appeals].map((layer) => layer.id)
}
