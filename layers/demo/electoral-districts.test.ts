import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { ELECTORAL_DISTRICTS_LAYER, ensureElectoralDistricts } from './electoral-districts.ts'

let database: Database

beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database.close()
})

const NUMBERS = Array.from({ length: 13 }, (_, i) => 211 + i)

describe(`the ${ELECTORAL_DISTRICTS_LAYER} layer built with the demo data`, () => {
  it('has one valid multipolygon per district 211–223, named and counted from its stations', async () => {
    const { rows } = await sql<{ number: number; name: string; station_count: number; stations: number; valid: boolean; type: string }>`
      SELECT (f.properties->>'number')::int AS number, f.properties->>'name' AS name, (f.properties->>'station_count')::int AS station_count,
             (SELECT count(*)::int FROM features s WHERE s.layer_id = 'kyiv-polling-stations' AND (s.properties->>'tvo')::int = (f.properties->>'number')::int) AS stations,
             ST_IsValid(f.geom) AS valid, ST_GeometryType(f.geom) AS type
        FROM features f WHERE f.layer_id = ${ELECTORAL_DISTRICTS_LAYER} ORDER BY 1`.execute(database.db)
    expect(rows.map((r) => r.number)).toEqual(NUMBERS)
    for (const r of rows) {
      expect(r, `ТВО №${r.number}`).toEqual({ number: r.number, name: `ТВО №${r.number}`, station_count: r.stations, stations: r.stations, valid: true, type: 'ST_MultiPolygon' })
    }
    expect(rows.reduce((sum, r) => sum + r.station_count, 0)).toBe(1106)
  })

  it('sums the registered voters of each district from the 2019 results', async () => {
    const { rows } = await sql<{ layer: number; results: number }>`
      SELECT (SELECT sum((properties->>'voters')::int)::int FROM features WHERE layer_id = ${ELECTORAL_DISTRICTS_LAYER}) AS layer,
             (SELECT sum((properties->>'voters')::int)::int FROM features WHERE layer_id = 'kyiv-election-results-2019') AS results`.execute(database.db)
    expect(rows[0]!.layer).toBe(rows[0]!.results)
    expect(rows[0]!.layer).toBeGreaterThan(2_000_000)
  })

  it('covers the city boundary: union area within 0.5 % of it, and only rounding noise outside it', async () => {
    const { rows } = await sql<{ union_m2: number; boundary_m2: number; outside_m2: number }>`
      WITH u AS (SELECT ST_Union(geom) AS geom FROM features WHERE layer_id = ${ELECTORAL_DISTRICTS_LAYER}),
           b AS (SELECT boundary AS geom FROM cities WHERE id = 'kyiv')
      SELECT ST_Area(u.geom::geography) AS union_m2, ST_Area(b.geom::geography) AS boundary_m2,
             ST_Area(ST_Difference(u.geom, b.geom)::geography) AS outside_m2
        FROM u, b`.execute(database.db)
    const { union_m2, boundary_m2, outside_m2 } = rows[0]!
    expect(Math.abs(union_m2 - boundary_m2) / boundary_m2).toBeLessThan(0.005)
    // Measured: about 1.3 m² of 826 km², from intersecting with a boundary stored at 7 decimals.
    expect(outside_m2 / boundary_m2).toBeLessThan(1e-7)
  })

  it('has no overlaps between districts beyond floating-point noise (under 1 m² in all)', async () => {
    const { rows } = await sql<{ pairs: number; overlap_m2: number }>`
      SELECT count(*)::int AS pairs, coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0) AS overlap_m2
        FROM features a JOIN features b ON a.id < b.id AND ST_Intersects(a.geom, b.geom)
       WHERE a.layer_id = ${ELECTORAL_DISTRICTS_LAYER} AND b.layer_id = ${ELECTORAL_DISTRICTS_LAYER}`.execute(database.db)
    expect(rows[0]!.pairs).toBeGreaterThan(12)
    expect(rows[0]!.overlap_m2).toBeLessThan(1)
  })

  it('puts every polling station strictly inside the district it belongs to, and in no other', async () => {
    const { rows } = await sql<{ uik: string; tvo: number; inside: number[] }>`
      SELECT s.properties->>'station' AS uik, (s.properties->>'tvo')::int AS tvo,
             coalesce(array_agg((d.properties->>'number')::int) FILTER (WHERE d.id IS NOT NULL), '{}') AS inside
        FROM features s
        LEFT JOIN features d ON d.layer_id = ${ELECTORAL_DISTRICTS_LAYER} AND ST_Intersects(d.geom, s.geom)
       WHERE s.layer_id = 'kyiv-polling-stations'
       GROUP BY s.id, s.layer_id`.execute(database.db)
    expect(rows).toHaveLength(1106)
    expect(rows.filter((r) => r.inside.length !== 1 || r.inside[0] !== r.tvo)).toEqual([])
    const { rows: strict } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM features s JOIN features d
          ON d.layer_id = ${ELECTORAL_DISTRICTS_LAYER} AND (d.properties->>'number')::int = (s.properties->>'tvo')::int
       WHERE s.layer_id = 'kyiv-polling-stations' AND ST_Contains(d.geom, s.geom)`.execute(database.db)
    expect(strict[0]!.n).toBe(1106)
  })

  it('is catalogued under elections with the polling stations’ licence and attribution, outlined and labelled', async () => {
    const { rows } = await sql<{ id: string; theme: string; geometry_type: string; licence: string; attribution: string; style: { label?: string; stroke?: string } }>`
      SELECT id, theme, geometry_type, licence, attribution, style FROM layers
       WHERE id IN (${ELECTORAL_DISTRICTS_LAYER}, 'kyiv-polling-stations') ORDER BY id`.execute(database.db)
    const [districts, stations] = rows
    expect(districts).toMatchObject({ id: ELECTORAL_DISTRICTS_LAYER, theme: 'elections', geometry_type: 'polygon', licence: stations!.licence, attribution: stations!.attribution })
    expect(districts!.style).toMatchObject({ label: 'name', stroke: expect.stringMatching(/^#[0-9a-f]{6}$/) })
  })

  it('is not rebuilt on the next start: the same features with the same geometry', async () => {
    // Not the version: the deputies' tests edit the deputy fields of these features meanwhile.
    const state = () =>
      sql<{ id: string; geom: string }>`
        SELECT id::text, md5(ST_AsBinary(geom)) AS geom FROM features WHERE layer_id = ${ELECTORAL_DISTRICTS_LAYER} ORDER BY id`.execute(database.db)
    const before = (await state()).rows
    expect(await database.db.transaction().execute((trx) => ensureElectoralDistricts(trx))).toBe(false)
    expect((await state()).rows).toEqual(before)
    expect(before).toHaveLength(13)
  })
})
