import type { Map as MapLibreMap } from 'maplibre-gl'
import type { Camera } from '../url-state/index.ts'
import { pickFeatureAt } from './feature-picking.ts'
import { hromadaStyleLayers } from './style-layers.ts'

/**
 * What browser tests may ask the map. Installed as `window.__hromadaMap` only when the page was
 * opened with `window.__hromadaE2E = true` set before the app ran (the test driver does that with
 * an init script), so ordinary visitors get no global.
 */
export interface MapTestHook {
  /** Resolves at the next `idle` event: the style, tiles and transitions are all done. */
  waitForIdle(): Promise<void>
  /** How many features of a catalogue layer are drawn in the viewport now (0 when hidden). */
  renderedFeatureCount(layerId: string): number
  /** The tile properties of the features of a catalogue layer drawn in the viewport now. */
  renderedFeatureProperties(layerId: string): Array<Record<string, unknown>>
  /** The texts of a catalogue layer's labels placed in the viewport now (street names, house numbers). */
  renderedLabels(layerId: string): string[]
  /**
   * A canvas point (CSS pixels from the canvas' top-left) where a click picks a feature of this
   * layer, or with `'cluster'` a cluster of its points, searching a grid from the centre outwards;
   * null when no such point is in view.
   */
  findClickablePoint(layerId: string, kind?: 'feature' | 'cluster'): { x: number; y: number } | null
  /** The camera as the map has it now. */
  camera(): Camera
  /** The catalogue layers of which at least one style layer is visible now, in drawing order. */
  visibleLayerIds(): string[]
  /** The filter of each style layer of a catalogue layer, by style layer id. */
  layerFilters(layerId: string): Record<string, unknown>
}

declare global {
  interface Window {
    __hromadaE2E?: boolean
    __hromadaMap?: MapTestHook
  }
}

/** Grid spacing of {@link MapTestHook.findClickablePoint}'s search, in CSS pixels. */
const SEARCH_STEP_PX = 12

/** Installs {@link MapTestHook} for `map` when the test flag is set; returns its uninstaller. */
export function installMapTestHook(map: MapLibreMap): () => void {
  if (window.__hromadaE2E !== true) return () => {}
  const styleLayersOf = (layerId: string) =>
    hromadaStyleLayers(map)
      .filter((layer) => layer.layerId === layerId)
      .map((layer) => layer.styleLayerId)

  window.__hromadaMap = {
    waitForIdle: () =>
      new Promise((resolve) => {
        map.once('idle', () => resolve())
        map.triggerRepaint()
      }),
    renderedFeatureCount(layerId) {
      const layers = styleLayersOf(layerId)
      return layers.length === 0 ? 0 : map.queryRenderedFeatures({ layers }).length
    },
    renderedFeatureProperties(layerId) {
      const layers = styleLayersOf(layerId)
      return layers.length === 0 ? [] : map.queryRenderedFeatures({ layers }).map((feature) => ({ ...feature.properties }))
    },
    renderedLabels(layerId) {
      const symbols = styleLayersOf(layerId).filter((id) => map.getLayer(id)?.type === 'symbol')
      if (symbols.length === 0) return []
      const field = (id: string) => map.getLayoutProperty(id, 'text-field') as unknown
      // The label style reads one attribute: ['to-string', ['get', name]].
      return map.queryRenderedFeatures({ layers: symbols }).map((f) => {
        const expression = field(f.layer.id)
        const name = Array.isArray(expression) && Array.isArray(expression[1]) ? String(expression[1][1]) : ''
        return String(f.properties[name] ?? '')
      })
    },
    findClickablePoint(layerId, kind = 'feature') {
      const { clientWidth: width, clientHeight: height } = map.getCanvas()
      const candidates: Array<{ x: number; y: number }> = []
      for (let x = SEARCH_STEP_PX; x < width; x += SEARCH_STEP_PX) {
        for (let y = SEARCH_STEP_PX; y < height; y += SEARCH_STEP_PX) candidates.push({ x, y })
      }
      const distance = (p: { x: number; y: number }) => Math.hypot(p.x - width / 2, p.y - height / 2)
      candidates.sort((a, b) => distance(a) - distance(b))
      return (
        candidates.find((point) => {
          const picked = pickFeatureAt(map, point)
          return picked?.kind === kind && picked.layerId === layerId
        }) ?? null
      )
    },
    camera() {
      const { lng, lat } = map.getCenter()
      return { zoom: map.getZoom(), lat, lon: lng }
    },
    visibleLayerIds() {
      const shown = hromadaStyleLayers(map).filter((layer) => layer.role === 'data' && map.getLayoutProperty(layer.styleLayerId, 'visibility') !== 'none')
      return [...new Set(shown.map((layer) => layer.layerId))]
    },
    layerFilters(layerId) {
      return Object.fromEntries(styleLayersOf(layerId).map((id) => [id, map.getFilter(id) ?? null]))
    },
  }
  return () => {
    delete window.__hromadaMap
  }
}
