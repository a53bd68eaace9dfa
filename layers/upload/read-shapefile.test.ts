import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { ImportFileError, type SourceFeature } from '../import/index.ts'
import { openShapefile } from './read-shapefile.ts'
import type { UploadSource } from './upload-source.ts'

const fixtures = fileURLToPath(new URL('./fixtures/shapefile/', import.meta.url))
const fixture = (name: string) => join(fixtures, name)

/** The attribute values ogr2ogr was given (fixtures/shapefile/parcels.source.geojson). */
const sourceProperties: Array<Record<string, unknown>> = JSON.parse(
  readFileSync(fixture('parcels.source.geojson'), 'utf-8'),
).features.map((f: { properties: Record<string, unknown> }) => f.properties)

/** The same values as written to the CP866 fixture: DOS had no і or ґ (see make-fixtures.sh). */
const dosProperties = sourceProperties.map((p) =>
  Object.fromEntries(
    Object.entries(p).map(([k, v]) => [
      k,
      typeof v === 'string' ? v.replace(/і/g, 'i').replace(/І/g, 'I').replace(/ґ/g, 'г').replace(/Ґ/g, 'Г').replace(/—/g, '-') : v,
    ]),
  ),
)

async function readAll(source: UploadSource): Promise<SourceFeature[]> {
  const out: SourceFeature[] = []
  for await (const f of source.features()) out.push(f)
  return out
}

const propertiesOf = (features: SourceFeature[]) =>
  features.map((f) => (f.feature as { properties: Record<string, unknown> }).properties)

/** The ImportFileError an open ends with; fails the test when the open succeeds. */
async function fileError(open: Promise<unknown>): Promise<ImportFileError> {
  const err = await open.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(ImportFileError)
  return err as ImportFileError
}

/** The geometries `ogrinfo -al` prints for a file, as lists of every number in their WKT. */
function ogrinfoCoordinates(shp: string): number[][] {
  const out = execFileSync('ogrinfo', ['-al', '-q', shp], { encoding: 'utf-8' })
  return out
    .split('\n')
    .filter((line) => /^\s+(MULTI)?(POINT|POLYGON)/.test(line))
    .map((line) => (line.match(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi) ?? []).map(Number))
}

const flatten = (coordinates: unknown): number[] =>
  Array.isArray(coordinates) ? coordinates.flatMap(flatten) : [coordinates as number]

const hasOgrinfo = (() => {
  try {
    execFileSync('ogrinfo', ['--version'])
    return true
  } catch {
    return false
  }
})()

const temps: string[] = []
/** A temp folder holding copies of a fixture's files under the names given (`from` → `to`). */
function copyFixture(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shapefile-'))
  temps.push(dir)
  for (const [from, to] of Object.entries(files)) copyFileSync(fixture(from), join(dir, to))
  return dir
}
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true })
})

describe('openShapefile: attribute encodings', () => {
  it('(a) honours a .cpg of CP1251 and decodes every Ukrainian value exactly', async () => {
    const source = await openShapefile(fixture('parcels-cp1251.shp'))
    expect(source.format).toBe('shapefile')
    expect(source.encoding).toMatchObject({ name: 'windows-1251', source: 'cpg', confident: true })
    expect(source.fields).toEqual(['name', 'тип', 'area', 'code'])
    expect(propertiesOf(await readAll(source))).toEqual(sourceProperties)
  })

  it('(b) without a .cpg, honours the DBF language driver id 0xC9 (CP1251)', async () => {
    const source = await openShapefile(fixture('parcels-cp1251-ldid.shp'))
    expect(source.encoding).toMatchObject({ name: 'windows-1251', source: 'ldid', confident: true })
    expect(propertiesOf(await readAll(source))).toEqual(sourceProperties)
  })

  it('(b) with neither .cpg nor language id, detects windows-1251 from the values', async () => {
    const source = await openShapefile(fixture('parcels-cp1251-bare.shp'))
    expect(source.encoding).toMatchObject({ name: 'windows-1251', source: 'detected', confident: true })
    expect(propertiesOf(await readAll(source))).toEqual(sourceProperties)
  })

  it('(c) detects ibm866 for a DOS file whose language id says only "ANSI" (0x57)', async () => {
    const source = await openShapefile(fixture('parcels-cp866-bare.shp'))
    expect(source.encoding).toMatchObject({ name: 'ibm866', source: 'detected', confident: true })
    expect(propertiesOf(await readAll(source))).toEqual(dosProperties)
  })

  it('(d) honours a .cpg of UTF-8', async () => {
    const source = await openShapefile(fixture('parcels-utf8.shp'))
    expect(source.encoding).toMatchObject({ name: 'utf-8', source: 'cpg', confident: true })
    expect(source.fields).toEqual(['name', 'тип', 'area', 'code'])
    expect(propertiesOf(await readAll(source))).toEqual(sourceProperties)
  })

  it('shows the first non-ASCII values in utf-8, windows-1251, ibm866 and koi8-u, the right one among them', async () => {
    const source = await openShapefile(fixture('parcels-cp1251-bare.shp'))
    const candidates = source.encoding?.candidates ?? []
    expect(candidates.map((c) => c.name)).toEqual(['utf-8', 'windows-1251', 'ibm866', 'koi8-u'])
    const right = candidates.find((c) => c.name === 'windows-1251')
    expect(right?.sample.slice(0, 2)).toEqual([sourceProperties[0]?.name, sourceProperties[0]?.['тип']])
    const wrong = candidates.find((c) => c.name === 'ibm866')
    expect(wrong?.sample).not.toContain(sourceProperties[0]?.name)
  })

  it('shows candidates even when a .cpg decides, and reads the CP866 file right in the ibm866 one', async () => {
    const source = await openShapefile(fixture('parcels-cp866-bare.shp'))
    expect(source.encoding?.candidates.find((c) => c.name === 'ibm866')?.sample[0]).toBe(dosProperties[0]?.name)
    const withCpg = await openShapefile(fixture('parcels-utf8.shp'))
    expect(withCpg.encoding?.candidates).toHaveLength(4)
  })

  it('is not confident when a .cpg contradicts what the bytes clearly are', async () => {
    const dir = copyFixture({
      'parcels-cp1251-bare.shp': 'parcels.shp',
      'parcels-cp1251-bare.shx': 'parcels.shx',
      'parcels-cp1251-bare.dbf': 'parcels.dbf',
    })
    writeFileSync(join(dir, 'parcels.cpg'), 'UTF-8')
    const source = await openShapefile(join(dir, 'parcels.shp'))
    expect(source.encoding).toMatchObject({ name: 'utf-8', source: 'cpg', confident: false })
  })

  it('decodes with the encoding asked for, over the .cpg', async () => {
    const source = await openShapefile(fixture('parcels-cp866-bare.shp'), { encoding: 'cp866' })
    expect(source.encoding).toMatchObject({ name: 'ibm866', source: 'option', confident: true })
    expect(propertiesOf(await readAll(source))).toEqual(dosProperties)
    const forced = await openShapefile(fixture('parcels-cp1251.shp'), { encoding: 'koi8-u' })
    expect(propertiesOf(await readAll(forced))).not.toEqual(sourceProperties)
  })

  it('refuses an encoding TextDecoder does not know', async () => {
    const err = await fileError(openShapefile(fixture('parcels-cp1251.shp'), { encoding: 'cp1125-ruscii' }))
    expect(err.message).toContain('cp1125-ruscii')
  })
})

describe('openShapefile: files', () => {
  it('finds the .shx, .dbf, .cpg and .prj whatever the case of their names (PARCELS.SHP + parcels.dbf)', async () => {
    const dir = copyFixture({
      'parcels-cp1251.shp': 'PARCELS.SHP',
      'parcels-cp1251.shx': 'Parcels.SHX',
      'parcels-cp1251.dbf': 'parcels.dbf',
      'parcels-cp1251.cpg': 'PARCELS.cpg',
      'parcels-cp1251.prj': 'parcels.PRJ',
    })
    const source = await openShapefile(join(dir, 'PARCELS.SHP'))
    expect(source.encoding).toMatchObject({ name: 'windows-1251', source: 'cpg' })
    expect(source.crs?.wkt).toBe(readFileSync(fixture('parcels-cp1251.prj'), 'utf-8'))
    expect(propertiesOf(await readAll(source))).toEqual(sourceProperties)
  })

  it('refuses a Shapefile without its .dbf, naming the files to put in the zip', async () => {
    const dir = copyFixture({ 'parcels-cp1251.shp': 'parcels.shp', 'parcels-cp1251.shx': 'parcels.shx' })
    const err = await fileError(openShapefile(join(dir, 'parcels.shp')))
    expect(err.message).toBe(
      'the Shapefile parcels.shp has no .dbf file (its attributes): put parcels.shp, parcels.shx and parcels.dbf in the zip',
    )
  })

  it('refuses a Shapefile without its .shx', async () => {
    const dir = copyFixture({ 'parcels-cp1251.shp': 'parcels.shp', 'parcels-cp1251.dbf': 'parcels.dbf' })
    const err = await fileError(openShapefile(join(dir, 'parcels.shp')))
    expect(err.message).toBe(
      'the Shapefile parcels.shp has no .shx file (its index): put parcels.shp, parcels.shx and parcels.dbf in the zip',
    )
  })

  it('refuses a .shp that is not a Shapefile', async () => {
    const dir = copyFixture({ 'parcels-cp1251.shx': 'parcels.shx', 'parcels-cp1251.dbf': 'parcels.dbf' })
    writeFileSync(join(dir, 'parcels.shp'), readFileSync(fixture('parcels.source.geojson')))
    const err = await fileError(openShapefile(join(dir, 'parcels.shp')))
    expect(err.message).toBe('parcels.shp is not a Shapefile (its header is not an ESRI Shapefile header)')
  })

  it('refuses a .dbf that is not a dBase table', async () => {
    const dir = copyFixture({ 'parcels-cp1251.shp': 'parcels.shp', 'parcels-cp1251.shx': 'parcels.shx' })
    writeFileSync(join(dir, 'parcels.dbf'), 'not a table')
    const err = await fileError(openShapefile(join(dir, 'parcels.shp')))
    expect(err.message).toBe('parcels.dbf is not a dBase table (the attributes of parcels.shp)')
  })
})

describe('openShapefile: geometries', () => {
  it('gives the polygons in the file coordinates, as ogrinfo reads them, a hole kept as an inner ring', async () => {
    const features = await readAll(await openShapefile(fixture('parcels-cp1251.shp')))
    const geometries = features.map((f) => (f.feature as { geometry: { type: string; coordinates: unknown } | null }).geometry)
    expect(geometries.map((g) => g?.type)).toEqual(['Polygon', 'Polygon', undefined, 'MultiPolygon'])
    expect((geometries[0]?.coordinates as unknown[]).length).toBe(2)
    expect((geometries[3]?.coordinates as unknown[]).length).toBe(2)
    if (!hasOgrinfo) return
    const expected = ogrinfoCoordinates(fixture('parcels-cp1251.shp'))
    const actual = geometries.filter((g) => g !== null).map((g) => flatten(g.coordinates))
    expect(actual.map((c) => c.length)).toEqual(expected.map((c) => c.length))
    actual.forEach((numbers, i) => numbers.forEach((n, j) => expect(n).toBeCloseTo(expected[i]?.[j] as number, 6)))
  })

  it('reports a record with a null shape as a problem, keeping its attributes and index', async () => {
    const features = await readAll(await openShapefile(fixture('parcels-cp1251.shp')))
    expect(features.map((f) => f.index)).toEqual([0, 1, 2, 3])
    expect(features[2]?.problem).toBe('the record has no geometry (null shape)')
    expect(propertiesOf(features)[2]).toEqual(sourceProperties[2])
    expect(features.filter((f) => f.problem)).toHaveLength(1)
  })

  it('gives a Pulkovo 1942 point in its Gauss-Kruger coordinates, with the .prj as the CRS', async () => {
    const source = await openShapefile(fixture('stops-pulkovo.shp'))
    expect(source.crs).toEqual({ wkt: readFileSync(fixture('stops-pulkovo.prj'), 'utf-8') })
    expect(source.crs?.wkt).toContain('Pulkovo_1942_GK_Zone_6')
    const [first] = await readAll(source)
    const point = (first?.feature as { geometry: { type: string; coordinates: [number, number] } }).geometry
    expect(point.type).toBe('Point')
    // ogrinfo's reading of the file; without GDAL, cs2cs's numbers noted in make-fixtures.sh.
    const [x, y] = hasOgrinfo ? (ogrinfoCoordinates(fixture('stops-pulkovo.shp'))[0] as number[]) : cs2csNoted()
    expect(point.coordinates[0]).toBeCloseTo(x as number, 6)
    expect(point.coordinates[1]).toBeCloseTo(y as number, 6)
    expect(Math.abs(point.coordinates[0] - cs2csNoted()[0])).toBeLessThan(0.001)
    expect(Math.abs(point.coordinates[1] - cs2csNoted()[1])).toBeLessThan(0.001)
    expect((first?.feature as { properties: { name: string } }).properties.name).toBe('Майдан Незалежності')
  })

  it('has no CRS when there is no .prj', async () => {
    const dir = copyFixture({
      'stops-pulkovo.shp': 'stops.shp',
      'stops-pulkovo.shx': 'stops.shx',
      'stops-pulkovo.dbf': 'stops.dbf',
    })
    expect((await openShapefile(join(dir, 'stops.shp'))).crs).toBeUndefined()
  })

  it('reads the features anew each time they are asked for', async () => {
    const source = await openShapefile(fixture('parcels-utf8.shp'))
    const first = await readAll(source)
    const second = await readAll(source)
    expect(second).toEqual(first)
    expect(first).toHaveLength(4)
    await source.close()
  })
})

/** The (east, north) cs2cs printed for the first stop, as noted in make-fixtures.sh. */
function cs2csNoted(): [number, number] {
  const script = readFileSync(fileURLToPath(new URL('./fixtures/make-fixtures.sh', import.meta.url)), 'utf-8')
  const noted = /cs2cs EPSG:4326 EPSG:28406.*->\s+([\d.]+)\s+([\d.]+) \(north, east\)/.exec(script)
  if (!noted) throw new Error('make-fixtures.sh has no cs2cs note for stops-pulkovo')
  return [Number(noted[2]), Number(noted[1])]
}
