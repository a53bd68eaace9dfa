import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { Database as SqliteDatabase } from 'node-sqlite3-wasm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDatabase } from '../../db/testing.ts'
import type { Database } from '../../db/index.ts'
import { crsName, identifyCrs, suggestCrs } from './crs.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))

/** Every Ukrainian coordinate system family; the .prj of each was written by ogr2ogr (make-fixtures.sh). */
const FAMILIES: Record<string, number[]> = {
  'WGS 84 and UCS-2000 geographic': [4326, 5561],
  'UCS-2000 / Gauss-Kruger zones 4–7': [5562, 5563, 5564, 5565],
  'UCS-2000 / Gauss-Kruger CM 21E–39E': [5566, 5567, 5568, 5569],
  'UCS-2000 / Ukraine TM zones 7–13': [6381, 6382, 6383, 6384, 6385, 6386, 6387],
  'Pulkovo 1942 / Gauss-Kruger zones 4–7': [28404, 28405, 28406, 28407],
  'WGS 84 / UTM zones 35N–37N': [32635, 32636, 32637],
}

/** Kyiv and Zhytomyr as ogr2ogr projected them into each system (make-fixtures.sh). */
const PROJECTED = readFileSync(fixture('prj/projected-points.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [epsg, name, lon, lat, x, y] = line.split(',')
    return { epsg: Number(epsg), name: name!, lon: Number(lon), lat: Number(lat), x: Number(x), y: Number(y) }
  })

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database.close()
})

describe('identifyCrs', () => {
  for (const [family, codes] of Object.entries(FAMILIES)) {
    it(`names every ${family} system from the .prj GDAL writes`, async () => {
      for (const code of codes) {
        const wkt = readFileSync(fixture(`prj/EPSG-${code}.prj`), 'utf8')
        expect(wkt).not.toMatch(/AUTHORITY|\bID\[/) // matched by parameters, not by a code
        const found = await identifyCrs(database.db, { wkt })
        expect(found?.srid, `EPSG-${code}.prj`).toBe(code)
      }
    })
  }

  it('names the systems of real .prj texts with their EPSG names', async () => {
    const wkt = readFileSync(fixture('prj/EPSG-6384.prj'), 'utf8')
    expect(await identifyCrs(database.db, { wkt })).toEqual({ srid: 6384, name: 'UCS-2000 / Ukraine TM zone 10' })
    const gk = readFileSync(fixture('prj/EPSG-28405.prj'), 'utf8')
    expect(await identifyCrs(database.db, { wkt: gk })).toEqual({ srid: 28405, name: 'Pulkovo 1942 / Gauss-Kruger zone 5' })
  })

  it('takes a declared SRID PostGIS knows, and ignores one it does not', async () => {
    expect(await identifyCrs(database.db, { srid: 6384 })).toEqual({ srid: 6384, name: 'UCS-2000 / Ukraine TM zone 10' })
    expect(await identifyCrs(database.db, { srid: 999_999 })).toBeUndefined()
    const wkt = readFileSync(fixture('prj/EPSG-5563.prj'), 'utf8')
    expect((await identifyCrs(database.db, { srid: 999_999, wkt }))?.srid).toBe(5563)
  })

  it("names a GeoPackage's SRS by the EPSG code of the system itself, not of its datum", async () => {
    const gpkg = new SqliteDatabase(fixture('gpkg/places-ucs2000-tm10.gpkg'), { readOnly: true })
    const row = gpkg.get('SELECT definition FROM gpkg_spatial_ref_sys WHERE srs_id = 6384') as { definition: string }
    gpkg.close()
    expect(row.definition).toMatch(/AUTHORITY\["EPSG","1077"\]/) // the datum's code comes first
    expect((await identifyCrs(database.db, { wkt: row.definition }))?.srid).toBe(6384)
    // The same system in WKT2 with its ID, as projinfo writes it.
    const wkt2 = 'PROJCRS["UCS-2000 / Ukraine TM zone 10",BASEGEOGCRS["UCS-2000",DATUM["Ukraine 2000",ELLIPSOID["Krassowsky 1940",6378245,298.3,LENGTHUNIT["metre",1]],ID["EPSG",1077]]],CONVERSION["Ukraine TM zone 10",METHOD["Transverse Mercator",ID["EPSG",9807]]],CS[Cartesian,2],AXIS["northing (X)",north],AXIS["easting (Y)",east],LENGTHUNIT["metre",1],ID["EPSG",6384]]'
    expect((await identifyCrs(database.db, { wkt: wkt2 }))?.srid).toBe(6384)
  })

  it('returns undefined, never throws, for garbage, unknown systems and parameters that fit nothing', async () => {
    expect(await identifyCrs(database.db, { wkt: 'not a WKT at all' })).toBeUndefined()
    expect(await identifyCrs(database.db, { wkt: 'PROJCS["x",GEOGCS[' })).toBeUndefined()
    expect(await identifyCrs(database.db, { wkt: '' })).toBeUndefined()
    expect(await identifyCrs(database.db, {})).toBeUndefined()
    const tm10 = readFileSync(fixture('prj/EPSG-6384.prj'), 'utf8')
    // A central meridian no EPSG system of that datum has.
    expect(await identifyCrs(database.db, { wkt: tm10.replace('"Central_Meridian",30.0', '"Central_Meridian",30.5') })).toBeUndefined()
    // A datum the catalogue does not know.
    expect(await identifyCrs(database.db, { wkt: tm10.replace('D_Ukraine_2000', 'D_Atlantis_1850') })).toBeUndefined()
    // The same numbers in US feet are a different system.
    expect(await identifyCrs(database.db, { wkt: tm10.replace('UNIT["Meter",1.0]', 'UNIT["Foot_US",0.3048006096012192]') })).toBeUndefined()
  })
})

describe('a known point lands within 1 m', () => {
  for (const [family, codes] of Object.entries(FAMILIES)) {
    it(`for every ${family} system`, async () => {
      const points = PROJECTED.filter((p) => codes.includes(p.epsg))
      expect(points.map((p) => p.epsg).sort()).toEqual(codes.flatMap((c) => [c, c]).sort())
      for (const p of points) {
        const { rows } = await sql<{ metres: number }>`
          SELECT ST_Distance(
                   ST_Transform(ST_SetSRID(ST_MakePoint(${p.x}, ${p.y}), ${p.epsg}::int), 4326)::geography,
                   ST_SetSRID(ST_MakePoint(${p.lon}, ${p.lat}), 4326)::geography) AS metres`.execute(database.db)
        expect(rows[0]!.metres, `${p.name} in EPSG:${p.epsg}`).toBeLessThan(1)
      }
    })
  }
})

describe('crsName', () => {
  it('gives the name of the system from the catalogue', async () => {
    expect(await crsName(database.db, 5562)).toBe('UCS-2000 / Gauss-Kruger zone 4')
    expect(await crsName(database.db, 32636)).toBe('WGS 84 / UTM zone 36N')
    expect(await crsName(database.db, 999_999)).toBeUndefined()
  })
})

describe('suggestCrs', () => {
  const bboxOf = (code: number): [number, number, number, number] => {
    const pts = PROJECTED.filter((p) => p.epsg === code)
    const xs = pts.map((p) => p.x)
    const ys = pts.map((p) => p.y)
    return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]
  }

  it('suggests the right code among a few, from coordinates ogr2ogr projected', () => {
    for (const code of [5563, 5564, 28405, 28406, 6384, 32635, 32636, 5567]) {
      const suggested = suggestCrs(bboxOf(code))
      expect(suggested, `EPSG:${code}`).toContain(code)
      expect(suggested.length).toBeLessThanOrEqual(14)
    }
    // Gauss-Kruger: the zone number leads the easting, so only that zone is suggested.
    expect(suggestCrs(bboxOf(5564))).toEqual([5564, 28406])
  })

  it('suggests nothing for longitude/latitude or numbers outside Ukraine', () => {
    expect(suggestCrs([28.6, 50.2, 30.6, 50.5])).toEqual([])
    expect(suggestCrs([1_000, 2_000, 3_000, 4_000])).toEqual([])
    expect(suggestCrs([5_500_000, 100_000, 5_600_000, 200_000])).toEqual([])
  })
})
