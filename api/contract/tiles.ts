/**
 * The map's machine paths outside `/api`: TileJSON of a layer or of a whole city, the city's
 * MapLibre style and the glyphs its labels are drawn in. Map clients (MapLibre, QGIS, GDAL) read
 * them by URL; tests check every answer against these routes.
 */
import { z } from 'zod'
import { apiRoute } from './route.ts'

const Zoom = z.number().int().min(0).max(30)

/** A TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export const TileJsonDocument = z
  .object({
    tilejson: z.literal('3.0.0'),
    name: z.string(),
    description: z.string(),
    version: z.string(),
    attribution: z.string(),
    scheme: z.literal('xyz'),
    tiles: z.array(z.string()).min(1).meta({ description: 'The tile URL template, `…/{z}/{x}/{y}.mvt?v=…`.' }),
    minzoom: Zoom,
    maxzoom: Zoom,
    bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
    center: z.tuple([z.number(), z.number(), z.number()]).optional(),
    vector_layers: z.array(z.object({ id: z.string(), description: z.string(), minzoom: Zoom, maxzoom: Zoom, fields: z.record(z.string(), z.string()) })),
  })
  .meta({ id: 'TileJson' })

/** A MapLibre style (version 8), as far as this contract promises: the style spec has the rest. */
export const MapStyle = z
  .looseObject({
    version: z.literal(8),
    name: z.string(),
    glyphs: z.string().meta({ description: 'Our own `/fonts/{fontstack}/{range}.pbf`.' }),
    sources: z.record(z.string(), z.looseObject({ type: z.string() })),
    layers: z.array(z.looseObject({ id: z.string(), type: z.string() })),
  })
  .meta({ id: 'MapStyle' })

export const tileJsonRoute = apiRoute({
  method: 'get',
  path: '/tiles/{name}.json',
  summary: 'TileJSON of a layer, or of every public layer of a city in one tile',
  description:
    "`name` is a layer's id (its own tiles) or a city's id (one composite tile of all the city's public layers, `/tiles/a,b,…/{z}/{x}/{y}.mvt`, for one vector-tile connection in QGIS).",
  tags: ['tiles'],
  request: { params: z.object({ name: z.string() }) },
  responses: { 200: { description: 'The TileJSON; tile URLs carry the layers\' versions.', schema: TileJsonDocument } },
  problems: [404],
})

export const cityStyleRoute = apiRoute({
  method: 'get',
  path: '/styles/{city}.json',
  summary: "A city's MapLibre style",
  tags: ['tiles'],
  request: {
    params: z.object({ city: z.string() }),
    query: z.object({
      lang: z.enum(['uk', 'en']).optional().meta({ description: "The basemap's label language (a Protomaps basemap); Ukrainian by default." }),
      source: z.enum(['city']).optional().meta({ description: '`city`: every layer drawn from the one composite source `/tiles/{city}.json`.' }),
    }),
  },
  responses: { 200: { description: 'The style.', schema: MapStyle } },
  problems: [404],
})

export const glyphRangeRoute = apiRoute({
  method: 'get',
  path: '/fonts/{fontstack}/{range}',
  summary: 'Glyphs of a font stack for map labels',
  description:
    '`range` is `{start}-{end}.pbf`, a whole range of 256 code points; `fontstack` one or more stacks joined by commas, the first we serve answering. Signed distance fields in the glyph PBF of MapLibre (24 px, buffer 3).',
  tags: ['tiles'],
  request: { params: z.object({ fontstack: z.string(), range: z.string() }) },
  responses: {
    200: { description: 'The glyph PBF.', contentType: 'application/x-protobuf' },
    302: { description: "A font stack of an external basemap: its own glyph server's URL." },
  },
  problems: [404],
})

/** The map's routes outside `/api`. */
export const TILE_ROUTES = [tileJsonRoute, cityStyleRoute, glyphRangeRoute]
