import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from '@maplibre/maplibre-gl-style-spec'
import { darkerColor, featureColorExpression, lineWidthExpression } from '../api/contract/index.ts'
import type { Layer, LayerStyle, LocalizedText } from '../layers/index.ts'
import { LABEL_FONT_STACK } from './glyphs/index.ts'
import { labelLayerName } from './tile-source.ts'
import { cityTileJsonUrl, tileJsonUrl } from './tilejson.ts'

/** What the style needs to know of a city. */
export interface StyleCity {
  id: string
  name: LocalizedText
  center: [number, number]
  zoom: number
}

/** The font stack of every label: one we serve at {@link glyphsUrl}. */
export const LABEL_FONT = [LABEL_FONT_STACK]

/** The style's `glyphs` template: our own `/fonts/{fontstack}/{range}.pbf`, so every client draws the labels. */
export const glyphsUrl = (baseUrl: string) => `${baseUrl}/fonts/{fontstack}/{range}.pbf`

const BACKGROUND = '#f4f1ea'
const HALO = '#ffffff'
const TEXT = '#1f2328'

type Role = 'basemap' | 'data'

/** The feature colour of a layer's style, typed for MapLibre. */
const colorOf = (style: LayerStyle) => featureColorExpression(style) as DataDrivenPropertyValueSpecification<string>

function styleLayers(layer: Layer): LayerSpecification[] {
  const s = layer.style
  const role: Role = s.basemap ? 'basemap' : 'data'
  const common = {
    source: layer.id,
    'source-layer': layer.id,
    minzoom: layer.minzoom,
    metadata: { 'hromada:layer': layer.id, 'hromada:role': role },
  }
  const layout = { visibility: role === 'basemap' ? 'visible' : 'none' } as const
  const color = colorOf(s)
  const out: LayerSpecification[] = []
  if (layer.geometry_type === 'polygon') {
    out.push({ ...common, id: layer.id, type: 'fill', layout, paint: { 'fill-color': color, 'fill-opacity': s.opacity ?? 0.35 } })
    out.push({
      ...common,
      id: `${layer.id}-outline`,
      type: 'line',
      layout,
      paint: { 'line-color': s.stroke ?? darkerColor(s.color), 'line-width': s.width ?? 1 },
    })
  } else if (layer.geometry_type === 'line') {
    const width = lineWidthExpression(s) as DataDrivenPropertyValueSpecification<number>
    // A basemap line with an outline colour (a street) is drawn over a wider casing of it.
    if (role === 'basemap' && s.stroke) {
      out.push({
        ...common,
        id: `${layer.id}-casing`,
        type: 'line',
        layout: { ...layout, 'line-cap': 'round', 'line-join': 'round' },
        paint: { 'line-color': s.stroke, 'line-width': lineWidthExpression(s, 1.5) as DataDrivenPropertyValueSpecification<number> },
      })
    }
    out.push({
      ...common,
      id: layer.id,
      type: 'line',
      layout: { ...layout, 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': color, 'line-width': width, 'line-opacity': role === 'basemap' ? 1 : 0.85 },
    })
  } else if (s.radius !== 0) {
    const clustered: ExpressionSpecification = ['has', 'point_count']
    out.push({
      ...common,
      id: layer.id,
      type: 'circle',
      layout,
      paint: {
        'circle-color': ['case', clustered, s.color, color] as ExpressionSpecification,
        'circle-radius': ['case', clustered, ['interpolate', ['linear'], ['get', 'point_count'], 2, 8, 100, 16, 1000, 24], s.radius ?? 5],
        'circle-opacity': ['case', clustered, 0.75, 0.9] as ExpressionSpecification,
        'circle-stroke-color': s.stroke ?? '#ffffff',
        'circle-stroke-width': 1,
      },
    })
    out.push({
      ...common,
      id: `${layer.id}-count`,
      type: 'symbol',
      filter: clustered,
      layout: { ...layout, 'text-field': ['to-string', ['get', 'point_count']], 'text-font': LABEL_FONT, 'text-size': 11, 'text-allow-overlap': true },
      paint: { 'text-color': '#ffffff', 'text-halo-color': darkerColor(s.color, 0.5), 'text-halo-width': 1 },
    })
  }
  if (s.label) {
    out.push({
      ...common,
      // Polygons are labelled from their label points, so a district cut over many tiles is named once.
      ...(layer.geometry_type === 'polygon' && { 'source-layer': labelLayerName(layer.id) }),
      id: `${layer.id}-label`,
      type: 'symbol',
      ...(layer.geometry_type === 'point' && { filter: ['!', ['has', 'point_count']] as ExpressionSpecification }),
      layout: {
        ...layout,
        'text-field': ['to-string', ['get', s.label]],
        'text-font': LABEL_FONT,
        'text-size': role === 'basemap' ? 13 : 12,
        'text-max-width': 8,
        ...(layer.geometry_type === 'line' && { 'symbol-placement': 'line' as const }),
        ...(layer.geometry_type === 'point' && s.radius !== 0 && { 'text-offset': [0, 1.1] as [number, number], 'text-anchor': 'top' as const, 'text-optional': true }),
      },
      paint: { 'text-color': TEXT, 'text-halo-color': HALO, 'text-halo-width': 1.5 },
    })
  }
  return out
}

const DRAW_ORDER = { polygon: 0, line: 1, point: 2 } as const

/**
 * The MapLibre style of a city: the offline basemap (its basemap layers, always visible) and
 * every public layer as a vector source (hidden until the user turns it on). Polygons go under
 * lines, lines under points, and every label on top, in glyphs served from our own origin
 * (`glyphs`), so MapLibre Native and QGIS draw the labels as the web app does.
 */
export function buildCityStyle(city: StyleCity, layers: Layer[], baseUrl: string): StyleSpecification {
  const ordered = [...layers].sort(
    (a, b) => Number(!a.style.basemap) - Number(!b.style.basemap) || DRAW_ORDER[a.geometry_type] - DRAW_ORDER[b.geometry_type],
  )
  const all = ordered.flatMap(styleLayers)
  const isSymbol = (l: LayerSpecification) => l.type === 'symbol'
  return {
    version: 8,
    name: `Hromada Map — ${city.name.uk}`,
    metadata: { 'hromada:city': city.id },
    glyphs: glyphsUrl(baseUrl),
    center: city.center,
    zoom: city.zoom,
    sources: Object.fromEntries(
      layers.map((l) => [l.id, { type: 'vector' as const, url: tileJsonUrl(baseUrl, l), attribution: l.attribution }]),
    ),
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
      ...all.filter((l) => !isSymbol(l)),
      ...all.filter(isSymbol),
    ],
  }
}

/**
 * The city's layers to draw over another basemap (an external style, a PMTiles archive): without
 * its background and the OpenStreetMap layers that basemap draws instead.
 */
export function layersOverAnotherBasemap(style: StyleSpecification): LayerSpecification[] {
  return style.layers.filter((l) => l.id !== 'background' && !('source' in l && typeof l.source === 'string' && l.source.includes('-osm-')))
}

/**
 * The style with every layer drawn from the city's one composite source (`/tiles/{city}.json`)
 * instead of a source per layer: for clients that take a style over a single vector-tile
 * connection (QGIS). The web app keeps a source per layer, so only the layers shown are fetched.
 */
export function fromCitySource(style: StyleSpecification, city: Pick<StyleCity, 'id'>, baseUrl: string): StyleSpecification {
  const attribution = [...new Set(Object.values(style.sources).flatMap((s) => ('attribution' in s && s.attribution ? [s.attribution] : [])))].join('; ')
  return {
    ...style,
    sources: { [city.id]: { type: 'vector', url: cityTileJsonUrl(baseUrl, city), attribution } },
    layers: style.layers.map((l) => ('source' in l ? ({ ...l, source: city.id } as LayerSpecification) : l)),
  }
}
