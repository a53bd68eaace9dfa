import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Database as SqliteDatabase } from 'node-sqlite3-wasm'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportFileError, type SourceFeature } from '../import/index.ts'
import { openGeoPackage } from './read-geopackage.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const PLACES = fixture('gpkg/places-ucs2000-tm10.gpkg')
const temp = mkdtempSync(join(tmpdir(), 'read-gpkg-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

async function readAll(features: AsyncGenerator<SourceFeature>): Promise<SourceFeature[]> {
  const all: SourceFeature[] = []
  for await (const f of features) all.push(f)
  return all
}

/** Kyiv and Zhytomyr as ogr2ogr projected them into EPSG:6384 (make-fixtures.sh). */
const projected6384 = readFileSync(fixture('prj/projected-points.csv'), 'utf8')
  .split('\n')
  .filter((line) => line.startsWith('6384,'))
  .map((line) => line.split(',').slice(4).map(Number))

describe('openGeoPackage', () => {
  it('reads the first feature table in its own coordinates, with its EPSG code and WKT', async () => {
    const source = await openGeoPackage(PLACES)
    try {
      expect(source.format).toBe('geopackage')
      expect(source.tables).toEqual(['places', 'parcels'])
      expect(source.crs?.srid).toBe(6384)
      expect(source.crs?.wkt).toMatch(/^PROJCS\["UCS-2000 \/ Ukraine TM zone 10"/)
      expect(source.encoding).toEqual({ name: 'utf-8', source: 'default', confident: true, candidates: [] })
      expect(source.fields).toEqual(['name', 'kind', 'population', 'founded'])
      const features = await readAll(source.features())
      expect(features.map((f) => f.problem)).toEqual([undefined, undefined])
      expect(features.map((f) => (f.feature as { properties: unknown }).properties)).toEqual([
        { name: 'Київ', kind: 'city', population: 2952301, founded: '0482-01-01' },
        { name: 'Житомир', kind: 'city', population: 261624, founded: '0884-01-01' },
      ])
      const coordinates = features.map((f) => (f.feature as { geometry: { type: string; coordinates: number[] } }).geometry)
      expect(coordinates.map((g) => g.type)).toEqual(['Point', 'Point'])
      coordinates.forEach((g, i) => {
        expect(g.coordinates[0]).toBeCloseTo(projected6384[i]![0]!, 3)
        expect(g.coordinates[1]).toBeCloseTo(projected6384[i]![1]!, 3)
      })
      // Streams anew on a second call.
      expect((await readAll(source.features())).length).toBe(2)
    } finally {
      await source.close()
    }
  })

  it('reads an asked table: polygons and lines, dates as text, a row without geometry as a problem', async () => {
    const source = await openGeoPackage(PLACES, { table: 'parcels' })
    try {
      expect(source.crs?.srid).toBe(4326)
      expect(source.fields).toEqual(['cadnum', 'zone', 'approved'])
      const features = await readAll(source.features())
      expect(features.map((f) => f.index)).toEqual([0, 1, 2])
      const [polygon, line, none] = features.map((f) => f.feature as { geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> })
      expect(polygon!.geometry).toEqual({
        type: 'Polygon',
        coordinates: [[[28.65, 50.25], [28.66, 50.25], [28.66, 50.26], [28.65, 50.26], [28.65, 50.25]]],
      })
      expect(polygon!.properties).toEqual({ cadnum: '1810100000:01:001:0001', zone: 'Ж-1', approved: '2024-05-17' })
      expect(line!.geometry?.type).toBe('LineString')
      expect(line!.properties.approved).toBeNull()
      expect(none!.geometry).toBeNull()
      expect(features[2]!.problem).toMatch(/no geometry/)
    } finally {
      await source.close()
    }
  })

  it('says nothing of the coordinate system when the SRS is undefined', async () => {
    const source = await openGeoPackage(fixture('gpkg/undefined-srs.gpkg'))
    try {
      expect(source.crs).toBeUndefined()
      const [feature] = await readAll(source.features())
      expect((feature!.feature as { geometry: unknown }).geometry).toEqual({ type: 'Point', coordinates: [300512.5, 5591634.2] })
    } finally {
      await source.close()
    }
  })

  it('refuses a table the file does not have, naming those it has', async () => {
    await expect(openGeoPackage(PLACES, { table: 'roads' })).rejects.toThrow(ImportFileError)
    await expect(openGeoPackage(PLACES, { table: 'roads' })).rejects.toThrow(/roads.*places, parcels/)
  })

  it('refuses a file that is not SQLite, a corrupt one, and SQLite without a feature table', async () => {
    const text = join(temp, 'not-sqlite.gpkg')
    writeFileSync(text, 'name,lat,lon\nA,50,30\n')
    await expect(openGeoPackage(text)).rejects.toThrow(/not a GeoPackage/)

    const corrupt = join(temp, 'corrupt.gpkg')
    const bytes = readFileSync(PLACES)
    writeFileSync(corrupt, Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(bytes.length - 100, 0x5a)]))
    await expect(openGeoPackage(corrupt)).rejects.toThrow(ImportFileError)

    const plain = join(temp, 'plain.sqlite')
    const db = new SqliteDatabase(plain)
    db.exec('CREATE TABLE t (a INTEGER)')
    db.close()
    await expect(openGeoPackage(plain)).rejects.toThrow(/no feature table/i)

    const noFeatures = join(temp, 'no-features.gpkg')
    copyFileSync(PLACES, noFeatures)
    const edit = new SqliteDatabase(noFeatures)
    edit.exec("UPDATE gpkg_contents SET data_type = 'attributes'")
    edit.close()
    await expect(openGeoPackage(noFeatures)).rejects.toThrow(/no feature table/i)
  })

  it('reports an empty geometry as a problem and leaves BLOB columns out', async () => {
    const edited = join(temp, 'edited.gpkg')
    copyFileSync(PLACES, edited)
    const db = new SqliteDatabase(edited)
    // The R-tree triggers call GDAL's SQL functions, which plain SQLite does not have.
    for (const { name } of db.all("SELECT name FROM sqlite_master WHERE type = 'trigger'") as Array<{ name: string }>) {
      db.exec(`DROP TRIGGER "${name}"`)
    }
    db.exec('ALTER TABLE places ADD COLUMN photo BLOB')
    db.run('UPDATE places SET photo = ?', [new Uint8Array([0xff, 0xd8, 0xff])])
    // 'GP', version 0, flags: empty (0x10) + little-endian (0x01), SRS 6384, WKB POINT EMPTY (NaN, NaN).
    const empty = Buffer.alloc(8 + 21)
    empty.write('GP', 0, 'latin1')
    empty.writeUInt8(0, 2)
    empty.writeUInt8(0x11, 3)
    empty.writeInt32LE(6384, 4)
    empty.writeUInt8(1, 8)
    empty.writeUInt32LE(1, 9)
    empty.writeDoubleLE(NaN, 13)
    empty.writeDoubleLE(NaN, 21)
    db.run("INSERT INTO places (geom, name) VALUES (?, 'порожньо')", [new Uint8Array(empty)])
    // A blob that is not a GeoPackage geometry at all.
    db.run("INSERT INTO places (geom, name) VALUES (?, 'сміття')", [new Uint8Array([1, 2, 3, 4])])
    db.close()

    const source = await openGeoPackage(edited)
    try {
      expect(source.fields).toEqual(['name', 'kind', 'population', 'founded'])
      const features = await readAll(source.features())
      expect(features.length).toBe(4)
      expect((features[0]!.feature as { properties: Record<string, unknown> }).properties).not.toHaveProperty('photo')
      expect(features[2]!.problem).toMatch(/empty geometry/)
      expect(features[3]!.problem).toMatch(/not a GeoPackage geometry/)
      expect((features[3]!.feature as { properties: Record<string, unknown> }).properties.name).toBe('сміття')
    } finally {
      await source.close()
    }
  })
})
