/**
 * The OpenStreetMap test extracts (fixtures/, made by scripts/osm-fixtures.sh) as GDAL's OSM
 * driver reads them: an independent reader, so that the importer's tests compare against what
 * the files really hold and not against what the importer believes they hold.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { GDAL_MISSING } from './testing.ts'

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url))
const KYIV_BOUNDARY = fileURLToPath(new URL('../demo/data/kyiv/kyiv_city_boundary_osm.geojson', import.meta.url))

if (GDAL_MISSING) console.log(`skipped: ${GDAL_MISSING}`)

/** One feature as `ogrinfo` prints it: its non-null fields as text, and its geometry as WKT. */
interface OgrFeature {
  fields: Record<string, string>
  wkt?: string
}

/**
 * Every vector driver of this GDAL but OSM, as `GDAL_SKIP` takes them (names without spaces:
 * none of those with a space reads text), so that a file is read as OSM or not at all.
 */
function driversOtherThanOsm(): string {
  skipped ??= [...spawnSync('ogrinfo', ['--formats'], { encoding: 'utf8' }).stdout.matchAll(/^ {2}(\S+) -vector-/gm)]
    .map((m) => m[1]!)
    .filter((name) => name !== 'OSM')
    .join(' ')
  return skipped
}
let skipped: string | undefined

/** Runs ogrinfo with the OSM driver alone; its exit status, messages (it prints a failure to open on stdout) and the features it printed. */
function ogrinfo(file: string, args: string[]): { status: number | null; stdout: string; stderr: string; features: OgrFeature[] } {
  const run = spawnSync('ogrinfo', ['--config', 'GDAL_SKIP', driversOtherThanOsm(), '-ro', '-q', ...args, file], { encoding: 'utf8' })
  const features: OgrFeature[] = []
  for (const line of run.stdout.split('\n')) {
    if (line.startsWith('OGRFeature(')) features.push({ fields: {} })
    const field = /^ {2}(\S+) \((\w+)\) = (.*)$/.exec(line)
    const geometry = /^ {2}((?:POINT|LINESTRING|MULTILINESTRING|POLYGON|MULTIPOLYGON|GEOMETRYCOLLECTION).*)$/.exec(line)
    if (field) features.at(-1)!.fields[field[1]!] = field[3]!
    else if (geometry) features.at(-1)!.wkt = geometry[1]!
  }
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, features }
}

/** The features of an SQL statement over one of the driver's layers (`points`, `lines`, `multipolygons`). */
function select(file: string, statement: string): OgrFeature[] {
  const run = ogrinfo(file, ['-sql', statement])
  if (run.status !== 0) throw new Error(`ogrinfo failed on ${file}: ${run.stderr}`)
  return run.features
}

/** The tags GDAL keeps in `other_tags`, an hstore literal (`"k"=>"v",…`). */
function otherTags(feature: OgrFeature): Record<string, string> {
  const unquote = (s: string) => s.replace(/\\(.)/g, '$1')
  return Object.fromEntries([...(feature.fields.other_tags ?? '').matchAll(/"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"/g)].map((m) => [unquote(m[1]!), unquote(m[2]!)]))
}

/** The rings of a one-polygon MULTIPOLYGON, as [lon, lat] positions. */
function ringsOf(wkt: string): number[][][] {
  const polygons = wkt.replace(/^MULTIPOLYGON \(\(\(/, '').replace(/\)\)\)$/, '').split(')),((')
  expect(polygons).toHaveLength(1)
  return polygons[0]!.split('),(').map((ring) => ring.split(',').map((p) => p.trim().split(' ').map(Number)))
}

/** A ring's area in square degrees (shoelace), as GDAL's OGR_GEOM_AREA measures in EPSG:4326. */
const ringArea = (ring: number[][]) => Math.abs(ring.slice(1).reduce((sum, [x, y], i) => sum + ring[i]![0]! * y! - x! * ring[i]![1]!, 0)) / 2

/** Every [lon, lat] position in a WKT geometry. */
const positionsOf = (wkt: string) => [...wkt.matchAll(/(-?\d+(?:\.\d+)?(?:e-?\d+)?) (-?\d+(?:\.\d+)?(?:e-?\d+)?)/g)].map((m) => [Number(m[1]), Number(m[2])] as const)

/** Metres from a point to a line string, in a local plane (fine over a few hundred metres). */
function metresToLine(point: readonly [number, number], line: ReadonlyArray<readonly [number, number]>): number {
  const kx = 111_320 * Math.cos((point[1] * Math.PI) / 180)
  const ky = 110_574
  const xy = ([lon, lat]: readonly [number, number]) => [(lon - point[0]) * kx, (lat - point[1]) * ky] as const
  return Math.min(
    ...line.slice(1).map((end, i) => {
      const [ax, ay] = xy(line[i]!)
      const [bx, by] = xy(end)
      const length2 = (bx - ax) ** 2 + (by - ay) ** 2
      const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, -(ax * (bx - ax) + ay * (by - ay)) / length2))
      return Math.hypot(ax + t * (bx - ax), ay + t * (by - ay))
    }),
  )
}

const KYIV = fixture('kyiv-centre.osm.pbf')
const highwaysOf = (file: string) =>
  select(file, 'SELECT name, highway, other_tags FROM lines WHERE highway IS NOT NULL').map((f) => ({ name: f.fields.name, name_en: otherTags(f)['name:en'], highway: f.fields.highway }))
const buildingsOf = (file: string) =>
  select(file, 'SELECT osm_id, osm_way_id, name, building, other_tags FROM multipolygons WHERE building IS NOT NULL').map((f) => ({
    building: f.fields.building,
    street: otherTags(f)['addr:street'],
    housenumber: otherTags(f)['addr:housenumber'],
    relation: f.fields.osm_id !== undefined,
  }))
const placesOf = (file: string) => select(file, 'SELECT name, place, other_tags FROM points WHERE place IS NOT NULL').map((f) => ({ name: f.fields.name, name_en: otherTags(f)['name:en'], place: f.fields.place }))
const byName = <T extends { name?: string | undefined }>(a: T, b: T) => (a.name ?? '').localeCompare(b.name ?? '')

describe.skipIf(GDAL_MISSING)('the OSM test extracts, as GDAL reads them', () => {
  it('kyiv-centre has four named streets with English names and two unnamed ways', () => {
    const highways = highwaysOf(KYIV)
    expect(highways.filter((h) => h.name).sort(byName)).toEqual([
      { name: 'вулиця Городецького', name_en: 'Horodetskoho Street', highway: 'secondary' },
      { name: 'вулиця Прорізна', name_en: 'Prorizna Street', highway: 'tertiary' },
      { name: 'вулиця Хрещатик', name_en: 'Khreshchatyk Street', highway: 'primary' },
      { name: 'провулок Тестовий', name_en: 'Testovyi Lane', highway: 'residential' },
    ])
    expect(highways.filter((h) => !h.name).map((h) => h.highway).sort()).toEqual(['footway', 'service'])
  })

  it('kyiv-centre has six buildings with house numbers, one of them a multipolygon, and one without an address', () => {
    const buildings = buildingsOf(KYIV)
    const numbered = buildings.filter((b) => b.housenumber).map((b) => `${b.street} ${b.housenumber}${b.relation ? ' (relation)' : ''}`)
    expect(numbered.sort()).toEqual(['вулиця Прорізна 8', 'вулиця Хрещатик 15 (relation)', 'вулиця Хрещатик 22', 'вулиця Хрещатик 22А', 'вулиця Хрещатик 24', 'вулиця Хрещатик 26/1'])
    expect(buildings.filter((b) => !b.housenumber)).toEqual([{ building: 'yes', street: undefined, housenumber: undefined, relation: false }])
    expect(new Set(buildings.map((b) => b.building))).toEqual(new Set(['yes', 'apartments', 'retail']))
  })

  it('kyiv-centre puts Хрещатик 22 within 12 m of вулиця Хрещатик, nearer to it than to any other street, and 15–25 m wide', () => {
    const [house] = select(KYIV, `SELECT other_tags FROM multipolygons WHERE other_tags LIKE '%"addr:housenumber"=>"22"%'`)
    const corners = positionsOf(house!.wkt!)
    const streets = select(KYIV, 'SELECT name FROM lines WHERE highway IS NOT NULL AND name IS NOT NULL')
    const distances = streets.map((f) => ({ name: f.fields.name, metres: Math.min(...corners.map((c) => metresToLine(c, positionsOf(f.wkt!)))) }))
    const nearest = distances.sort((a, b) => a.metres - b.metres)[0]!
    expect(nearest.name).toBe('вулиця Хрещатик')
    expect(nearest.metres).toBeLessThan(12)
    const width = metresToLine(corners[0]!, [corners[1]!, corners[1]!])
    expect(width).toBeGreaterThan(15)
    expect(width).toBeLessThan(25)
  })

  it('kyiv-centre has a park whose outer ring is two ways, with a hole: its area is its outer ring less the hole', () => {
    const [park] = select(KYIV, "SELECT name, OGR_GEOM_AREA AS area FROM multipolygons WHERE leisure = 'park'")
    const [outer, inner, ...more] = ringsOf(park!.wkt!)
    expect(more).toEqual([])
    expect(park!.fields.name).toBe('Міський сад')
    expect(Number(park!.fields.area)).toBeLessThan(ringArea(outer!))
    expect(Number(park!.fields.area)).toBeCloseTo(ringArea(outer!) - ringArea(inner!), 12)
    const [courtyard] = select(KYIV, "SELECT name FROM multipolygons WHERE name = 'Пасаж'")
    expect(ringsOf(courtyard!.wkt!)).toHaveLength(2)
  })

  it('kyiv-centre has a pond, a river and a railway', () => {
    expect(select(KYIV, "SELECT name FROM multipolygons WHERE natural = 'water'").map((f) => f.fields.name)).toEqual(['Ставок'])
    expect(select(KYIV, "SELECT name FROM lines WHERE waterway = 'river'").map((f) => f.fields.name)).toEqual(['Клов'])
    expect(select(KYIV, "SELECT railway FROM lines WHERE railway = 'rail'")).toHaveLength(1)
  })

  it('kyiv-centre has the city and a neighbourhood as place points, and an address as a node of its own', () => {
    expect(placesOf(KYIV).sort(byName)).toEqual([
      { name: 'Київ', name_en: 'Kyiv', place: 'city' },
      { name: 'Липки', name_en: 'Lypky', place: 'neighbourhood' },
    ])
    const addresses = select(KYIV, `SELECT other_tags FROM points WHERE other_tags LIKE '%"addr:housenumber"%'`).map(otherTags)
    expect(addresses).toEqual([{ 'addr:housenumber': '5', 'addr:street': 'вулиця Городецького' }])
  })

  it('kyiv-centre lies inside Kyiv’s city boundary, and lviv-centre outside it', () => {
    const extentOf = (file: string) => {
      const positions = ['points', 'lines', 'multipolygons'].flatMap((layer) => select(file, `SELECT * FROM ${layer}`).flatMap((f) => positionsOf(f.wkt!)))
      const lons = positions.map((p) => p[0])
      const lats = positions.map((p) => p[1])
      return [Math.min(...lons), Math.min(...lats), Math.max(...lons), Math.max(...lats)]
    }
    const within = (box: number[]) => {
      const run = spawnSync('ogrinfo', ['-ro', '-q', '-dialect', 'SQLite', '-sql', `SELECT ST_Within(BuildMbr(${box.join(', ')}, 4326), geometry) AS within FROM kyiv_city_boundary_osm WHERE GeometryType(geometry) = 'POLYGON'`, KYIV_BOUNDARY], { encoding: 'utf8' })
      return /within \(Integer\) = (\d)/.exec(run.stdout)?.[1]
    }
    const kyiv = extentOf(KYIV)
    const lviv = extentOf(fixture('lviv-centre.osm.pbf'))
    expect(within(kyiv)).toBe('1')
    expect(within(lviv)).toBe('0')
    expect(lviv[0]).toBeCloseTo(kyiv[0]! + 24.03 - 30.5225, 6)
    expect(lviv[1]).toBeCloseTo(kyiv[1]! + 49.84 - 50.446, 6)
  })

  it('lviv-centre holds the same streets, buildings and places as kyiv-centre', () => {
    const lviv = fixture('lviv-centre.osm.pbf')
    expect(highwaysOf(lviv).sort(byName)).toEqual(highwaysOf(KYIV).sort(byName))
    expect(buildingsOf(lviv)).toEqual(buildingsOf(KYIV))
    expect(placesOf(lviv)).toEqual(placesOf(KYIV))
  })

  it('no-streets holds the buildings and places of kyiv-centre and no line at all', () => {
    const file = fixture('no-streets.osm.pbf')
    expect(select(file, 'SELECT * FROM lines')).toEqual([])
    expect(buildingsOf(file)).toEqual(buildingsOf(KYIV))
    expect(placesOf(file)).toEqual(placesOf(KYIV))
    expect(select(file, "SELECT * FROM multipolygons WHERE building IS NULL")).toEqual([])
  })

  it('empty is a valid extract with no objects', () => {
    const run = ogrinfo(fixture('empty.osm.pbf'), ['-al'])
    expect(run.status).toBe(0)
    expect(run.stderr).toBe('')
    expect(run.features).toEqual([])
  })

  it('truncated is refused by GDAL as a corrupt extract', () => {
    const run = ogrinfo(fixture('truncated.osm.pbf'), ['-al'])
    expect(run.stderr).toMatch(/ERROR/)
  })

  it('not-osm is not an extract to GDAL’s OSM driver', () => {
    const run = ogrinfo(fixture('not-osm.osm.pbf'), ['-al'])
    expect(run.status).not.toBe(0)
    expect(run.stdout).toMatch(/Unable to open datasource `.*not-osm\.osm\.pbf' with the following drivers/)
    expect(run.features).toEqual([])
  })
})
