import { VectorTile, type VectorTileFeature } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../db/index.ts'
import { openTestDatabase } from '../db/testing.ts'
import { JsTileSource } from './js-tile-source.ts'
import { LayerDirectory, type TileLayerInfo } from './layer-directory.ts'
import { PostgisTileSource } from './postgis-tile-source.ts'
import { lonLatToTile, type TileCoord } from './tile-coord.ts'
import { hasNativeMvt } from './tile.queries.ts'
import { EXTENT } from './tile-source.ts'

let database: Database
let layers: LayerDirectory
let native = false

beforeAll(async () => {
  database = await openTestDatabase()
  layers = new LayerDirectory(database.db)
  native = await hasNativeMvt(database.db)
})
afterAll(() => database.close())

function decode(bytes: Uint8Array, layerId: string): VectorTileFeature[] {
  const layer = new VectorTile(new PbfReader(bytes)).layers[layerId]
  return layer ? Array.from({ length: layer.length }, (_, i) => layer.feature(i)) : []
}

/**
 * One tile pixel in tile units (a tile is 256 pixels wide). ST_AsMVTGeom (wagyu) also removes
 * sub-pixel spikes that GEOS keeps, so geometry is compared to within a pixel: extents within
 * one pixel, and polygon areas within one pixel times the perimeter (boundaries a pixel apart).
 */
const PIXEL = EXTENT / 256

function perimeter(f: VectorTileFeature): number {
  return f
    .loadGeometry()
    .reduce((sum, ring) => sum + ring.slice(1).reduce((s, p, i) => s + Math.hypot(p.x - ring[i]!.x, p.y - ring[i]!.y), 0), 0)
}

/** Signed ring areas summed (exteriors positive, holes negative), in tile units². */
function area(f: VectorTileFeature): number {
  return f.loadGeometry().reduce((sum, ring) => {
    let a = 0
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]!.x - ring[i]!.x) * (ring[j]!.y + ring[i]!.y)
    return sum + a / 2
  }, 0)
}

/** The feature's extent in tile units, from its decoded geometry. */
function extent(f: VectorTileFeature): [number, number, number, number] {
  const points = f.loadGeometry().flat()
  const xs = points.map((p) => p.x)
  const ys = points.map((p) => p.y)
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
}

async function layer(id: string): Promise<TileLayerInfo> {
  const info = await layers.get(id)
  if (!info) throw new Error(`demo layer ${id} is missing`)
  return info
}

// Dense, sparse, clustered, overview and full-detail tiles of every geometry family.
const CASES: Array<[string, TileCoord]> = [
  ['kyiv-land-parcels', { z: 14, x: 9580, y: 5523 }],
  ['kyiv-land-parcels', { z: 11, x: 1197, y: 690 }],
  ['kyiv-land-parcels', { z: 16, x: 38341, y: 22123 }],
  ['kyiv-alcohol-licenses', { z: 11, x: 1197, y: 691 }],
  ['kyiv-alcohol-licenses', { z: 15, x: 19160, y: 11049 }],
  ['kyiv-districts', { z: 8, x: 149, y: 86 }],
  ['kyiv-metro-stations', { z: 12, x: 2394, y: 1382 }],
  ['zhytomyr-transit-routes', { z: 12, x: 2374, y: 1384 }],
  ['kharkiv-buildings', { z: 15, x: 19693, y: 11108 }],
]

describe('the JS encoder and ST_AsMVT', () => {
  it.each(CASES)('encode %s %o with the same features, ids, attributes and geometry within a pixel', async (id, t) => {
    if (!native) {
      // The embedded engine has no ST_AsMVT to compare with; the real PostGIS run covers this.
      expect((await new JsTileSource(database.db).getTile(await layer(id), t)).byteLength).toBeGreaterThanOrEqual(0)
      return
    }
    const info = await layer(id)
    const fromPostgis = decode(await new PostgisTileSource(database.db).getTile(info, t), id)
    const fromJs = decode(await new JsTileSource(database.db).getTile(info, t), id)
    expect(fromPostgis.length).toBeGreaterThan(0)
    const byId = new Map(fromJs.map((f) => [f.id, f]))
    expect(fromJs.map((f) => f.id).sort()).toEqual(fromPostgis.map((f) => f.id).sort())
    for (const expected of fromPostgis) {
      const actual = byId.get(expected.id)!
      expect(actual.type).toBe(expected.type)
      expect(actual.properties).toEqual(expected.properties)
      const [a, b] = [extent(actual), extent(expected)]
      a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThanOrEqual(PIXEL))
      if (expected.type === 3) expect(Math.abs(area(actual) - area(expected))).toBeLessThanOrEqual(PIXEL * perimeter(expected))
    }
  })
})

describe('prepared statements', () => {
  it('give the same tile bytes as a plain query, twice in a row', async () => {
    if (!native) return expect(native).toBe(false)
    const info = await layer('kyiv-districts')
    const t = { z: 12, x: 2395, y: 1381 }
    const plain = await new PostgisTileSource(database.db).getTile(info, t)
    const prepared = new PostgisTileSource(database.db, database.pool)
    expect(plain.byteLength).toBeGreaterThan(0)
    expect(Buffer.from(await prepared.getTile(info, t)).equals(Buffer.from(plain))).toBe(true)
    expect(Buffer.from(await prepared.getTile(info, t)).equals(Buffer.from(plain))).toBe(true)
  })
})

describe('tile attributes', () => {
  it.each([11, 14, 16])('carry only the fields a layer marks for tiles, at z%i', async (z) => {
    const info = await layer('kyiv-land-parcels')
    const tile = decode(await new JsTileSource(database.db).getTile(info, lonLatToTile(30.5234, 50.4501, z)), info.id)
    const keys = new Set(tile.flatMap((f) => Object.keys(f.properties)))
    expect(tile.length).toBeGreaterThan(0)
    expect([...keys].sort()).toEqual(['area_ha', 'cadnum', 'category', 'ownership'])
  })

  it('are every public field of a layer that marks none', async () => {
    const info = await layer('kyiv-metro-stations')
    const tile = decode(await new JsTileSource(database.db).getTile(info, lonLatToTile(30.5234, 50.4501, 15)), info.id)
    expect(tile.length).toBeGreaterThan(0)
    expect(Object.keys(tile[0]!.properties).sort()).toEqual(['line', 'line_name', 'name', 'station_order'])
  })
})

describe('low-zoom generalisation', () => {
  it('clusters a dense point layer below z14 and counts every point once', async () => {
    const info = await layer('kyiv-alcohol-licenses')
    const t = { z: 11, x: 1197, y: 691 }
    const features = decode(await new JsTileSource(database.db).getTile(info, t), info.id)
    const clustered = features.reduce((n, f) => n + Number(f.properties.point_count ?? 1), 0)
    const { rows } = await database.pool.query(
      `SELECT count(*)::int AS n FROM features WHERE layer_id = $1 AND geom_3857 && ST_TileEnvelope($2, $3, $4)`,
      [info.id, t.z, t.x, t.y],
    )
    expect(features.some((f) => f.properties.point_count !== undefined)).toBe(true)
    expect(clustered).toBe(rows[0].n)
  })

  it('returns an empty tile where a layer has no feature', async () => {
    const info = await layer('kyiv-metro-stations')
    expect((await new JsTileSource(database.db).getTile(info, { z: 14, x: 0, y: 0 })).byteLength).toBe(0)
  })
})
