import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { dropDeletedLayerTables } from '../layers/index.ts'
import type { Database } from './index.ts'
import { openTestDatabase } from './testing.ts'

let database: Database
const layers: string[] = []

beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  if (layers.length > 0) await database.db.deleteFrom('layers').where('id', 'in', layers).execute()
  await database.close()
})

interface Field {
  name: string
  public: boolean
  overview?: boolean
}

async function createLayer(geometryType: 'point' | 'line' | 'polygon', attributes: Field[], style: object = { color: '#000' }): Promise<string> {
  const id = `test-db-${randomBytes(4).toString('hex')}`
  layers.push(id)
  const fields = attributes.map((a) => ({ ...a, type: 'string', label: { uk: a.name, en: a.name } }))
  await sql`
    INSERT INTO layers (id, city_id, theme, title, description, geometry_type, attributes, style)
    VALUES (${id}, 'kyiv', 'social', '{"uk":"т","en":"t"}', '{"uk":"т","en":"t"}', ${geometryType},
            ${JSON.stringify(fields)}::jsonb, ${JSON.stringify(style)}::jsonb)`.execute(database.db)
  return id
}

async function insertFeature(layer: string, wkt: string, properties: object = {}): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    INSERT INTO features (layer_id, properties, geom) VALUES (${layer}, ${JSON.stringify(properties)}::jsonb, ST_GeomFromText(${wkt}, 4326))
    RETURNING id`.execute(database.db)
  return rows[0]!.id
}

interface Shape {
  zoom: number
  valid: boolean
  whole: boolean
  xmin: number
  ymax: number
  props: Record<string, unknown>
}

/** The stored tile shapes of a feature, zoom by zoom. */
async function shapesOf(layer: string, id: number): Promise<Shape[]> {
  const { rows } = await sql<Shape>`
    SELECT zoom, ST_IsValid(geom) AS valid, ST_Equals(geom, ST_SnapToGrid(geom, 1)) AS whole,
           ST_XMin(geom) AS xmin, ST_YMax(geom) AS ymax, props
      FROM tile_shapes WHERE layer_id = ${layer} AND feature_id = ${id} ORDER BY zoom`.execute(database.db)
  return rows
}

// A block of about 150 × 150 m in the centre of Kyiv, and the same moved 1 km east.
const BLOCK = 'POLYGON((30.5200 50.4500, 30.5221 50.4500, 30.5221 50.4513, 30.5200 50.4513, 30.5200 50.4500))'
const MOVED = 'POLYGON((30.5340 50.4500, 30.5361 50.4500, 30.5361 50.4513, 30.5340 50.4513, 30.5340 50.4500))'

describe('each layer in tables of its own', () => {
  const tablesOf = async (layer: string) =>
    (await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
       WHERE p.relname IN ('features', 'tile_shapes') AND c.relname LIKE ${`%${layer.replaceAll('-', '_')}`}
       ORDER BY 1`.execute(database.db)).rows.map((r) => r.name)
  const countOf = async (table: 'features' | 'tile_shapes', layer: string) =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE layer_id = ${layer}`.execute(database.db)).rows[0]!.n

  it('gives a new layer its tables; its delete empties them and the housekeeping drops them', async () => {
    const layer = await createLayer('polygon', [{ name: 'name', public: true }])
    await insertFeature(layer, BLOCK, { name: 'квартал' })
    const own = [`features_${layer.replaceAll('-', '_')}`, `tile_shapes_${layer.replaceAll('-', '_')}`]
    expect(await tablesOf(layer)).toEqual(own)
    expect(await countOf('tile_shapes', layer)).toBeGreaterThan(0)
    await database.db.deleteFrom('layers').where('id', '=', layer).execute()
    expect([await countOf('features', layer), await countOf('tile_shapes', layer)]).toEqual([0, 0])
    expect(await tablesOf(layer)).toEqual(own)
    expect(await dropDeletedLayerTables(database.db)).toBeGreaterThanOrEqual(2)
    expect(await tablesOf(layer)).toEqual([])
  })

  it('gives a layer made again under a deleted id its emptied tables back, and keeps them', async () => {
    const layer = await createLayer('polygon', [{ name: 'name', public: true }])
    await insertFeature(layer, BLOCK, { name: 'старий' })
    await database.db.deleteFrom('layers').where('id', '=', layer).execute()
    await sql`
      INSERT INTO layers (id, city_id, theme, title, description, geometry_type, attributes, style)
      VALUES (${layer}, 'kyiv', 'social', '{"uk":"т","en":"t"}', '{"uk":"т","en":"t"}', 'polygon', '[]'::jsonb, '{"color":"#000"}'::jsonb)`.execute(database.db)
    await insertFeature(layer, MOVED, { name: 'новий' })
    await dropDeletedLayerTables(database.db)
    expect(await tablesOf(layer)).toHaveLength(2)
    expect(await countOf('features', layer)).toBe(1)
  })

  it.skipIf(inject('databaseEngine') !== 'postgres')('deletes a layer without waiting for a write to another layer still in its transaction', async () => {
    const busy = await createLayer('polygon', [{ name: 'name', public: true }])
    const id = await insertFeature(busy, BLOCK, { name: 'квартал' })
    const gone = await createLayer('polygon', [{ name: 'name', public: true }])
    await insertFeature(gone, MOVED, { name: 'квартал' })
    let deletedWhileOpen = false
    await database.db.transaction().execute(async (trx) => {
      await sql`UPDATE features SET geom = ST_GeomFromText(${MOVED}, 4326) WHERE layer_id = ${busy} AND id = ${id}`.execute(trx)
      const deleted = database.db.deleteFrom('layers').where('id', '=', gone).execute().then(() => true)
      deletedWhileOpen = await Promise.race([deleted, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000))])
    })
    expect(deletedWhileOpen).toBe(true)
  })
})

describe('tile shapes', () => {
  it('copy a polygon at every zoom where it spans 2×2 pixels, valid and on whole tile units', async () => {
    const layer = await createLayer('polygon', [{ name: 'name', public: true }])
    const id = await insertFeature(layer, BLOCK, { name: 'квартал' })
    const shapes = await shapesOf(layer, id)
    // About 25 units (3 px) across at z10 and 12 at z9, where it falls under 2×2 pixels.
    expect(shapes.map((s) => s.zoom)).toEqual([10, 11, 12, 13, 14, 15, 16])
    expect(shapes.every((s) => s.valid && s.whole)).toBe(true)
    // Its corner is where the zoom's tile grid puts the block's corner, to within a unit.
    const { rows } = await sql<{ x: number; y: number }>`
      SELECT ST_XMin(g) AS x, ST_YMax(g) AS y FROM (SELECT to_tile_grid(ST_Transform(ST_GeomFromText(${BLOCK}, 4326), 3857), 16) AS g) s`.execute(database.db)
    const z16 = shapes.find((s) => s.zoom === 16)!
    expect(Math.abs(z16.xmin - rows[0]!.x)).toBeLessThanOrEqual(1)
    expect(Math.abs(z16.ymax - rows[0]!.y)).toBeLessThanOrEqual(1)
  })

  it('copy a line at every zoom and a point at none', async () => {
    const lines = await createLayer('line', [{ name: 'name', public: true }])
    const points = await createLayer('point', [{ name: 'name', public: true }])
    // 30 km: three units long even at z0.
    const line = await insertFeature(lines, 'LINESTRING(30.30 50.40, 30.70 50.50)')
    const point = await insertFeature(points, 'POINT(30.52 50.45)')
    expect((await shapesOf(lines, line)).map((s) => s.zoom)).toEqual(Array.from({ length: 17 }, (_, z) => z))
    expect(await shapesOf(points, point)).toEqual([])
  })

  it('are made again when the geometry changes, and go with the feature', async () => {
    const layer = await createLayer('polygon', [{ name: 'name', public: true }])
    const id = await insertFeature(layer, BLOCK, { name: 'квартал' })
    const before = (await shapesOf(layer, id)).find((s) => s.zoom === 16)!
    await sql`UPDATE features SET geom = ST_GeomFromText(${MOVED}, 4326) WHERE layer_id = ${layer} AND id = ${id}`.execute(database.db)
    const after = (await shapesOf(layer, id)).find((s) => s.zoom === 16)!
    const { rows } = await sql<{ shift: number }>`
      SELECT ST_XMin(to_tile_grid(ST_Transform(ST_GeomFromText(${MOVED}, 4326), 3857), 16))
           - ST_XMin(to_tile_grid(ST_Transform(ST_GeomFromText(${BLOCK}, 4326), 3857), 16)) AS shift`.execute(database.db)
    expect(Math.abs(after.xmin - before.xmin - rows[0]!.shift)).toBeLessThanOrEqual(1)
    await sql`DELETE FROM features WHERE layer_id = ${layer} AND id = ${id}`.execute(database.db)
    expect(await shapesOf(layer, id)).toEqual([])
  })
})

describe('tile properties', () => {
  it('are the fields a layer marks for tiles and what its style draws by, never a private one', async () => {
    const layer = await createLayer(
      'polygon',
      [
        { name: 'code', public: true, overview: true },
        { name: 'kind', public: true },
        { name: 'note', public: true },
        { name: 'owner', public: false, overview: true },
      ],
      { color: '#000', categoryField: 'kind' },
    )
    const id = await insertFeature(layer, BLOCK, { code: 'A-1', kind: 'школа', note: 'довгий опис', owner: 'Іван Петренко' })
    const { rows } = await sql<{ tile_properties: object }>`SELECT tile_properties FROM features WHERE layer_id = ${layer}`.execute(database.db)
    expect(rows[0]!.tile_properties).toEqual({ code: 'A-1', kind: 'школа' })
    expect((await shapesOf(layer, id)).every((s) => JSON.stringify(s.props) === JSON.stringify({ code: 'A-1', kind: 'школа' }))).toBe(true)
  })

  it('are every public field of a layer that marks none', async () => {
    const layer = await createLayer('point', [{ name: 'a', public: true }, { name: 'b', public: true }, { name: 'secret', public: false }])
    await insertFeature(layer, 'POINT(30.52 50.45)', { a: 1, b: 2, secret: 3 })
    const { rows } = await sql<{ tile_properties: object }>`SELECT tile_properties FROM features WHERE layer_id = ${layer}`.execute(database.db)
    expect(rows[0]!.tile_properties).toEqual({ a: 1, b: 2 })
  })

  it('follow a change of what the layer marks, in the features and in their tile shapes', async () => {
    const layer = await createLayer('polygon', [
      { name: 'code', public: true, overview: true },
      { name: 'kind', public: true },
    ])
    const id = await insertFeature(layer, BLOCK, { code: 'A-1', kind: 'школа' })
    const marked = [
      { name: 'code', type: 'string', label: { uk: 'code', en: 'code' }, public: true, overview: true },
      { name: 'kind', type: 'string', label: { uk: 'kind', en: 'kind' }, public: true, overview: true },
    ]
    await sql`UPDATE layers SET attributes = ${JSON.stringify(marked)}::jsonb WHERE id = ${layer}`.execute(database.db)
    const { rows } = await sql<{ tile_properties: object; tile_attributes: string[] }>`
      SELECT f.tile_properties, l.tile_attributes FROM features f JOIN layers l ON l.id = f.layer_id WHERE f.layer_id = ${layer}`.execute(database.db)
    expect(rows[0]).toEqual({ tile_properties: { code: 'A-1', kind: 'школа' }, tile_attributes: ['code', 'kind'] })
    expect((await shapesOf(layer, id)).every((s) => JSON.stringify(s.props) === JSON.stringify({ code: 'A-1', kind: 'школа' }))).toBe(true)
  })
})
