import { randomUUID } from 'node:crypto'
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { nearestAddress, searchAddresses, searchGazetteer } from '../gazetteer/index.ts'
import { importOsmExtract, type OsmImportReport } from './import-osm.ts'
import { osmLayerId } from './osm-layers.ts'
import { GDAL_MISSING, gdalCount } from './testing.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const suffix = randomUUID().slice(0, 8)
// A city of its own with Kyiv's boundary, so that the other tests' Kyiv keeps its basemap.
const CITY = `osm-${suffix}`

let database: Database
let first: OsmImportReport

/** The city's basemap layers as they stand: id, version and features, for "nothing changed". */
async function basemapState(): Promise<Array<{ id: string; version: number; n: number; ids: string }>> {
  const { rows } = await sql<{ id: string; version: number; n: number; ids: string }>`
    SELECT l.id, l.version::int AS version, count(f.id)::int AS n, coalesce(string_agg(f.id::text, ',' ORDER BY f.id), '') AS ids
      FROM layers l LEFT JOIN features f ON f.layer_id = l.id
     WHERE l.city_id = ${CITY} GROUP BY l.id, l.version ORDER BY l.id`.execute(database.db)
  return rows
}

beforeAll(async () => {
  database = await openTestDatabase()
  await sql`INSERT INTO cities (id, code, name, center, zoom, boundary)
            SELECT ${CITY}, ${`OSM${suffix.toUpperCase()}`}, ${JSON.stringify({ uk: 'Київ (тест)', en: 'Kyiv (test)' })}, center, zoom, boundary
              FROM cities WHERE id = 'kyiv'`.execute(database.db)
  first = await importOsmExtract(database.db, { file: fixture('kyiv-centre.osm.pbf'), cityId: CITY })
})

afterAll(async () => {
  await sql`DELETE FROM layers WHERE city_id = ${CITY}`.execute(database.db)
  await sql`DELETE FROM cities WHERE id = ${CITY}`.execute(database.db)
  await database.close()
})

if (GDAL_MISSING) console.log(`skipped: ${GDAL_MISSING}`)

describe.skipIf(GDAL_MISSING)('importOsmExtract', () => {
  it('loads the streets, buildings, addresses, water, green areas, railways and places GDAL finds in the extract', () => {
    expect(first.error).toBeUndefined()
    expect(first.committed).toBe(true)
    const pbf = fixture('kyiv-centre.osm.pbf')
    expect(first.imported.streets).toBe(gdalCount(pbf, 'lines', 'highway IS NOT NULL'))
    expect(first.imported.railways).toBe(gdalCount(pbf, 'lines', "railway = 'rail'"))
    expect(first.imported.waterways).toBe(gdalCount(pbf, 'lines', 'waterway IS NOT NULL'))
    expect(first.imported.buildings).toBe(gdalCount(pbf, 'multipolygons', 'building IS NOT NULL'))
    expect(first.imported.water).toBe(gdalCount(pbf, 'multipolygons', "natural = 'water'"))
    expect(first.imported.green).toBe(gdalCount(pbf, 'multipolygons', "leisure = 'park'"))
    expect(first.imported.places).toBe(gdalCount(pbf, 'points', 'place IS NOT NULL'))
    const housesWithNumbers = gdalCount(pbf, 'multipolygons', "building IS NOT NULL AND other_tags LIKE '%addr:housenumber%'")
    expect(first.addresses).toBe(housesWithNumbers + gdalCount(pbf, 'points', "other_tags LIKE '%addr:housenumber%'"))
    expect(first.read.nodes).toBeGreaterThan(0)
    expect(first.skipped).toEqual([])
  })

  it('keeps Cyrillic names, the street class, addresses, and the holes of multipolygons', async () => {
    const { rows: streets } = await sql<{ name: string; cls: string; name_en: string }>`
      SELECT properties->>'name' AS name, properties->>'class' AS cls, properties->>'name_en' AS name_en
        FROM features WHERE layer_id = ${osmLayerId(CITY, 'streets')} AND properties ? 'name' ORDER BY 1`.execute(database.db)
    expect(streets).toContainEqual({ name: 'вулиця Хрещатик', cls: 'primary', name_en: expect.stringMatching(/Khreshchatyk/) })
    const { rows: park } = await sql<{ holes: number; area: number; hull: number }>`
      SELECT ST_NumInteriorRings(ST_GeometryN(geom, 1)) AS holes, ST_Area(geom) AS area, ST_Area(ST_MakePolygon(ST_ExteriorRing(ST_GeometryN(geom, 1)))) AS hull
        FROM features WHERE layer_id = ${osmLayerId(CITY, 'green')}`.execute(database.db)
    expect(park[0]!.holes).toBe(1)
    expect(park[0]!.area).toBeLessThan(park[0]!.hull)
    const { rows: house } = await sql<{ street: string; number: string }>`
      SELECT public_properties->>'addr_street' AS street, public_properties->>'addr_housenumber' AS number
        FROM features WHERE layer_id = ${osmLayerId(CITY, 'buildings')} AND properties->>'addr_housenumber' = '22А'`.execute(database.db)
    expect(house).toEqual([{ street: 'вулиця Хрещатик', number: '22А' }])
    const { rows: layers } = await sql<{ licence: string; attribution: string }>`
      SELECT DISTINCT licence, attribution FROM layers WHERE city_id = ${CITY}`.execute(database.db)
    expect(layers).toEqual([{ licence: 'ODbL-1.0', attribution: '© OpenStreetMap contributors' }])
  })

  it('finds "Хрещатик 22", its typo "Хрещатік 22" and its Latin spelling in the gazetteer, the house first', async () => {
    for (const query of ['Хрещатик 22', 'Хрещатік 22', 'khreshchatyk 22', 'ХРЕЩАТИК, 22']) {
      const [best] = await searchGazetteer(database.db, CITY, query, 5)
      expect(best, query).toMatchObject({ kind: 'address', title: 'вулиця Хрещатик, 22', layer_id: osmLayerId(CITY, 'buildings') })
    }
    const [letter] = await searchAddresses(database.db, CITY, 'Хрещатик 22-а')
    expect(letter?.label).toBe('вулиця Хрещатик, 22А')
    const [street] = await searchGazetteer(database.db, CITY, 'вулиця Прорізна', 5, ['street'])
    expect(street).toMatchObject({ kind: 'street', title: 'вулиця Прорізна' })
    expect(street!.bbox![2]).toBeGreaterThan(street!.bbox![0])
  })

  it('names the nearest address of a point beside a house, and none far from every house', async () => {
    const { rows } = await sql<{ lon: number; lat: number }>`
      SELECT ST_X(p) AS lon, ST_Y(p) AS lat FROM (
        SELECT ST_Project(ST_Centroid(geom)::geography, 12, radians(90))::geometry AS p
          FROM features WHERE layer_id = ${osmLayerId(CITY, 'buildings')} AND properties->>'addr_housenumber' = '22') s`.execute(database.db)
    const near = await nearestAddress(database.db, CITY, rows[0]!.lon, rows[0]!.lat)
    expect(near?.title).toBe('вулиця Хрещатик, 22')
    expect(near!.distance_m).toBeLessThan(20)
    expect(await nearestAddress(database.db, CITY, 30.6, 50.5)).toBeUndefined()
  })

  it('replaces every basemap layer on a second import, with new versions, in one transaction', async () => {
    const before = await basemapState()
    const again = await importOsmExtract(database.db, { file: fixture('kyiv-centre.osm.pbf'), cityId: CITY })
    expect(again.committed).toBe(true)
    const after = await basemapState()
    expect(after.map((l) => [l.id, l.n])).toEqual(before.map((l) => [l.id, l.n]))
    for (const [i, layer] of after.entries()) {
      expect(layer.version).toBeGreaterThan(before[i]!.version)
      expect(layer.ids).not.toBe(before[i]!.ids)
    }
  })

  describe('refuses a hostile extract with a clear report and changes nothing', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'osm-hostile-'))
    })
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    it.each([
      ['truncated.osm.pbf', /truncated, corrupt or not an \.osm\.pbf/],
      ['not-osm.osm.pbf', /truncated, corrupt or not an \.osm\.pbf/],
      ['empty.osm.pbf', /no streets/],
      ['no-streets.osm.pbf', /no streets/],
      ['lviv-centre.osm.pbf', /none of the extract's \d+ streets lies in Kyiv \(test\): is it the extract of another region/],
    ])('%s', async (name, reason) => {
      const before = await basemapState()
      const report = await importOsmExtract(database.db, { file: fixture(name), cityId: CITY })
      expect(report.committed).toBe(false)
      expect(report.error).toMatch(reason)
      expect(Object.values(report.imported).every((n) => n === 0)).toBe(true)
      expect(await basemapState()).toEqual(before)
    })

    it('a missing file, an empty file and an unknown city', async () => {
      const empty = join(dir, 'zero.osm.pbf')
      await copyFile(fixture('kyiv-centre.osm'), join(dir, 'xml.osm.pbf'))
      await writeFile(empty, '')
      const before = await basemapState()
      expect((await importOsmExtract(database.db, { file: join(dir, 'absent.osm.pbf'), cityId: CITY })).error).toMatch(/no such file/)
      expect((await importOsmExtract(database.db, { file: empty, cityId: CITY })).error).toMatch(/the file is empty/)
      expect((await importOsmExtract(database.db, { file: join(dir, 'xml.osm.pbf'), cityId: CITY })).error).toMatch(/not an \.osm\.pbf/)
      expect((await importOsmExtract(database.db, { file: fixture('kyiv-centre.osm.pbf'), cityId: 'atlantis' })).error).toBe('there is no city "atlantis"')
      expect(await basemapState()).toEqual(before)
    })
  })
})
