import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import type { GeometryKind } from '../catalogue/index.ts'
import { importLayer, type ImportOptions, type LayerDraft } from './import-layer.ts'
import type { ImportReport } from './import-report.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database.close()
})

const created: string[] = []
afterEach(async () => {
  const ids = created.splice(0)
  if (ids.length > 0) await database.db.deleteFrom('layers').where('id', 'in', ids).execute()
})

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

/** A fresh test layer of Kyiv; deleted after the test. */
function draft(geometryType: GeometryKind = 'point'): LayerDraft {
  const id = `test-import-${randomBytes(4).toString('hex')}`
  created.push(id)
  return {
    id,
    city: 'kyiv',
    theme: 'social',
    title: { uk: 'Тест імпорту', en: 'Import test' },
    description: { uk: '', en: '' },
    geometryType,
    style: { color: '#123456' },
    minzoom: 0,
    maxzoom: 16,
    licence: 'CC0-1.0',
    attribution: 'tests',
  }
}

const importFile = (file: string, layer: LayerDraft, options: Partial<ImportOptions> = {}) =>
  importLayer(database.db, { file: file.startsWith('/') ? file : fixture(file), layer, ...options })

const layerRow = (id: string) => database.db.selectFrom('layers').selectAll().where('id', '=', id).executeTakeFirst()

async function featureCount(id: string): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*)::int AS n FROM features WHERE layer_id = ${id}`.execute(database.db)
  return row.rows[0]!.n
}

/** One stored fact per feature, in insertion order, from the caller's own SQL expression. */
async function perFeature<T>(id: string, expression: ReturnType<typeof sql>): Promise<T[]> {
  const rows = await sql<{ v: T }>`SELECT ${expression} AS v FROM features WHERE layer_id = ${id} ORDER BY id`.execute(database.db)
  return rows.rows.map((r) => r.v)
}

/** The import was refused as a whole, and the database holds no trace of the layer. */
async function expectNothingWritten(report: ImportReport): Promise<void> {
  expect(report.committed).toBe(false)
  expect(report.accepted).toBe(0)
  await expect(layerRow(report.layer)).resolves.toBeUndefined()
  await expect(featureCount(report.layer)).resolves.toBe(0)
}

describe('importLayer: files that are not usable at all', () => {
  it.each([
    ['invalid JSON', 'invalid-json-truncated.geojson', /^invalid JSON/],
    ['an empty file', 'empty.geojson', /^empty file/],
    ['a JSON object that is not GeoJSON', 'not-geojson-object.json', /^not a GeoJSON FeatureCollection or Feature/],
    ['a JSON array', 'json-array.json', /^not GeoJSON: the file must hold a JSON object/],
    ['a CSV without latitude and longitude columns', 'csv-without-coordinate-columns.csv', /latitude and longitude columns/],
    ['a file that does not exist', 'no-such-file.geojson', /^cannot read the file/],
  ])('refuses %s with a file error and writes nothing', async (_, file, error) => {
    const report = await importFile(file, draft())
    expect(report).toMatchObject({ committed: false, error: expect.stringMatching(error), rejected: [] })
    await expectNothingWritten(report)
  })
})

describe('importLayer: features that are rejected', () => {
  it.each([
    ['null geometries', 'null-geometries.geojson', 'point', [[1, /no geometry/], [2, /no geometry/]]],
    ['a ring with too few positions', 'ring-too-few-positions.geojson', 'polygon', [[1, /at least four positions/], [2, /at least four positions/]]],
    ['a longitude of 200', 'longitude-out-of-range.geojson', 'point', [[1, /out of range \(lon 200/]]],
    ['swapped latitude and longitude', 'swapped-lat-lon.geojson', 'point', [[0, /look swapped/]]],
    ['a GeometryCollection', 'geometry-collection.geojson', 'point', [[0, /GeometryCollection is not supported/]]],
    ['a point in a polygon layer', 'point-among-polygons.geojson', 'polygon', [[1, /Point does not fit a polygon layer/]]],
    ['a CSV row with a missing coordinate', 'csv-missing-coordinate.csv', 'point', [[1, /coordinates missing or not numbers \(lat=""/]]],
    ['a CSV row with a coordinate that is not a number', 'csv-non-numeric-coordinate.csv', 'point', [[1, /lat="fifty"/]]],
    ['a geometry with no coordinates', 'empty-multipoint.geojson', 'point', [[1, /empty/i]]],
  ] as const)('rejects %s by index and reason, and writes nothing', async (_, file, family, expected) => {
    const report = await importFile(file, draft(family))
    expect(report.rejected).toEqual(expected.map(([index, reason]) => ({ index, reason: expect.stringMatching(reason) })))
    await expectNothingWritten(report)
  })

  it('leaves an existing layer untouched when a replacing import is rejected', async () => {
    const layer = draft()
    await importFile('valid-points.geojson', layer)
    const before = await layerRow(layer.id)
    const report = await importFile('null-geometries.geojson', layer)
    expect(report.committed).toBe(false)
    await expect(featureCount(layer.id)).resolves.toBe(3)
    expect((await layerRow(layer.id))?.version).toBe(before?.version)
  })
})

describe('importLayer: what it repairs', () => {
  it('closes an unclosed ring and reports it as repaired', async () => {
    const layer = draft('polygon')
    const report = await importFile('unclosed-ring.geojson', layer)
    expect(report).toMatchObject({ committed: true, accepted: 1, repaired: [{ index: 0, reason: 'unclosed ring closed by repeating its first position' }] })
    await expect(perFeature(layer.id, sql`ST_IsClosed(ST_ExteriorRing(geom))`)).resolves.toEqual([true])
  })

  it('repairs a bow-tie polygon with ST_MakeValid and stores a valid polygon', async () => {
    const layer = draft('polygon')
    const report = await importFile('bow-tie-polygon.geojson', layer)
    expect(report).toMatchObject({ committed: true, repaired: [{ index: 0, reason: expect.stringMatching(/ST_MakeValid: Self-intersection/) }] })
    await expect(perFeature(layer.id, sql`ST_IsValid(geom) AND ST_Dimension(geom) = 2`)).resolves.toEqual([true])
  })

  it('reduces 3D coordinates to 2D and reports it', async () => {
    const layer = draft()
    const report = await importFile('three-d-coordinates.geojson', layer)
    expect(report).toMatchObject({ committed: true, accepted: 2, repaired: [{ index: 0, reason: '3D coordinates reduced to 2D' }] })
    await expect(perFeature(layer.id, sql`ST_NDims(geom)`)).resolves.toEqual([2, 2])
  })
})

describe('importLayer: what it accepts', () => {
  it('commits a valid file with its feature count, extent and an import audit entry', async () => {
    const layer = draft()
    const report = await importFile('valid-points.geojson', layer, { actor: 'test-suite' })
    expect(report).toEqual({ layer: layer.id, file: fixture('valid-points.geojson'), committed: true, read: 3, accepted: 3, repaired: [], rejected: [], skipped: [] })
    const source = JSON.parse(await readFile(fixture('valid-points.geojson'), 'utf8')) as { features: Array<{ geometry: { coordinates: number[] } }> }
    const [xs, ys] = [0, 1].map((i) => source.features.map((f) => f.geometry.coordinates[i]!))
    expect(await layerRow(layer.id)).toMatchObject({ feature_count: 3, bbox: [Math.min(...xs!), Math.min(...ys!), Math.max(...xs!), Math.max(...ys!)] })
    const audit = await database.db.selectFrom('audit_log').selectAll().where('object_id', '=', layer.id).execute()
    expect(audit).toEqual([expect.objectContaining({ action: 'import', actor: 'test-suite', object_type: 'layer', changes: { features: [0, 3], file: [null, 'valid-points.geojson'] } })])
  })

  it('bumps the layer version on every committed import', async () => {
    const layer = draft()
    await importFile('valid-points.geojson', layer)
    const first = Number((await layerRow(layer.id))?.version)
    await importFile('valid-points.geojson', layer)
    expect(Number((await layerRow(layer.id))?.version)).toBeGreaterThan(first)
  })

  it('detects gzip by content, whatever the file name says', async () => {
    const report = await importFile('gzip-content-points.geojson', draft())
    expect(report).toMatchObject({ committed: true, accepted: 3 })
    await expect(featureCount(report.layer)).resolves.toBe(3)
  })

  it('reads a semicolon CSV with decimal commas', async () => {
    const layer = draft()
    const report = await importFile('csv-semicolon-decimal-comma.csv', layer)
    expect(report).toMatchObject({ committed: true, accepted: 2, rejected: [] })
    await expect(perFeature(layer.id, sql`ARRAY[ST_X(geom), ST_Y(geom)]`)).resolves.toEqual([[30.5234, 50.4501], [30.54, 50.46]])
  })

  it('imports the valid features and reports the rest with skipInvalid', async () => {
    const layer = draft()
    const report = await importFile('mixed-valid-and-invalid-points.geojson', layer, { skipInvalid: true })
    expect(report).toMatchObject({ committed: true, read: 5, accepted: 3, rejected: [{ index: 1 }, { index: 3 }] })
    await expect(perFeature(layer.id, sql`properties->>'name'`)).resolves.toEqual(['valid 0', 'valid 2', 'valid 4'])
  })

  it('adds to the existing features in append mode', async () => {
    const layer = draft()
    await importFile('valid-points.geojson', layer)
    const report = await importFile('gzip-content-points.geojson', layer, { mode: 'append' })
    expect(report.accepted).toBe(3)
    await expect(featureCount(layer.id)).resolves.toBe(6)
    expect(await layerRow(layer.id)).toMatchObject({ feature_count: 6 })
  })

  it('swaps the existing features in replace mode', async () => {
    const layer = draft()
    await importFile('valid-points.geojson', layer)
    await importFile('three-d-coordinates.geojson', layer)
    await expect(perFeature(layer.id, sql`properties->>'name'`)).resolves.toEqual(['with altitude', 'flat'])
    expect(await layerRow(layer.id)).toMatchObject({ feature_count: 2 })
  })

  it('stores a huge string property intact', async () => {
    const layer = draft()
    const path = join(tmpdir(), `${layer.id}-huge.geojson`)
    const note = 'Ї'.repeat(1_000_000)
    await writeFile(path, JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { note }, geometry: { type: 'Point', coordinates: [30.52, 50.45] } }] }))
    try {
      expect(await importFile(path, layer)).toMatchObject({ committed: true, accepted: 1 })
      await expect(perFeature(layer.id, sql`properties->>'note' = ${note}`)).resolves.toEqual([true])
    } finally {
      await rm(path, { force: true })
    }
  })

  it('stores nested objects and arrays as JSON text', async () => {
    const layer = draft()
    await importFile('nested-properties.geojson', layer)
    await expect(perFeature(layer.id, sql`jsonb_build_array(jsonb_typeof(properties->'address'), properties->>'address', properties->>'tags')`)).resolves.toEqual([
      ['string', '{"street":"Хрещатик","house":22}', '["a","b"]'],
    ])
  })

  it('drops the keys the properties mapping does not list', async () => {
    const layer = draft()
    await importFile('valid-points.geojson', layer, { properties: { title: 'name' } })
    await expect(perFeature(layer.id, sql`(SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(properties) k)`)).resolves.toEqual([['title'], ['title'], ['title']])
  })
})

/** The garbage collector, exposed at run time so the heap can be measured as live data. */
function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc')
  return runInNewContext('gc') as () => void
}

async function writeBigCollection(path: string, count: number): Promise<void> {
  const out = createWriteStream(path)
  const pad = 'дані '.repeat(32)
  out.write('{"type":"FeatureCollection","features":[\n')
  for (let i = 0; i < count; i++) {
    const [x, y] = [30.3 + (i % 1000) * 0.0004, 50.35 + Math.floor(i / 1000) * 0.001]
    const line = `${i ? ',\n' : ''}{"type":"Feature","properties":{"n":${i},"pad":"${pad}"},"geometry":{"type":"Point","coordinates":[${x.toFixed(5)},${y.toFixed(5)}]}}`
    if (!out.write(line)) await once(out, 'drain')
  }
  out.end(']}\n')
  await once(out, 'finish')
}

describe('importLayer: large files', () => {
  it('streams a 60 MB file with a heap far smaller than the file', async () => {
    const layer = draft()
    const path = join(tmpdir(), `${layer.id}-large.geojson`)
    try {
      await writeBigCollection(path, 150_000)
      const { size } = await stat(path)
      expect(size).toBeGreaterThan(55_000_000)
      // Sample after a collection: garbage awaiting the collector is not data the importer holds.
      const gc = collectGarbage()
      gc()
      const base = process.memoryUsage().heapUsed
      let peak = 0
      const sampler = setInterval(() => {
        gc()
        peak = Math.max(peak, process.memoryUsage().heapUsed - base)
      }, 250)
      const report = await importFile(path, layer).finally(() => clearInterval(sampler))
      expect(report).toMatchObject({ committed: true, read: 150_000, accepted: 150_000 })
      expect(peak).toBeLessThan(40 * 1024 * 1024)
    } finally {
      await rm(path, { force: true })
    }
  }, 600_000)
})
