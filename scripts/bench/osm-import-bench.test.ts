import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { writeSyntheticCity } from './osm-import-bench.ts'

const hasOsmium = !spawnSync('osmium', ['--version']).error
if (!hasOsmium) console.log('skipped: osmium (osmium-tool) is not installed: the synthetic extract is read back with it')

const temp = mkdtempSync(join(tmpdir(), 'hromada-osm-bench-test-'))
afterAll(() => rmSync(temp, { recursive: true, force: true }))

interface Exported {
  geometry: { type: string; coordinates: unknown }
  properties: Record<string, string>
}

/** The synthetic city of a 4 × 4 grid, as osmium reads it back: its object counts and its features (`osmium export`). */
function readBack(): { extract: ReturnType<typeof writeSyntheticCity>; counts: Record<string, number>; features: Exported[] } {
  const source = join(temp, 'city.osm')
  const extract = writeSyntheticCity(source, 4)
  const pbf = join(temp, 'city.osm.pbf')
  expect(spawnSync('osmium', ['cat', source, '-o', pbf, '--overwrite']).status).toBe(0)
  const counts = Object.fromEntries(['nodes', 'ways', 'relations'].map((kind) => [kind, Number(spawnSync('osmium', ['fileinfo', '-e', '-g', `data.count.${kind}`, pbf], { encoding: 'utf8' }).stdout)]))
  const geojson = join(temp, 'city.geojson')
  expect(spawnSync('osmium', ['export', pbf, '-o', geojson, '--overwrite']).status).toBe(0)
  return { extract, counts, features: (JSON.parse(readFileSync(geojson, 'utf8')) as { features: Exported[] }).features }
}

/** Metres between two [lon, lat] positions in a local plane. */
const metres = (a: number[], b: number[]) => Math.hypot((a[0]! - b[0]!) * 111_320 * Math.cos((a[1]! * Math.PI) / 180), (a[1]! - b[1]!) * 110_574)

describe.runIf(hasOsmium)('the synthetic city extract', () => {
  it('holds what it reports: 4 × 4 streets split at crossings, 32 buildings a block, a place in every tenth block', () => {
    const { extract, counts, features } = readBack()
    expect(extract).toEqual({ nodes: 16 + 9 * 32 * 4 + 1, ways: 24 + 9 * 32, streets: 24, buildings: 9 * 32, places: 1 })
    expect(counts).toEqual({ nodes: extract.nodes, ways: extract.ways, relations: 0 })
    expect(features.filter((f) => f.properties.highway && f.geometry.type === 'LineString')).toHaveLength(extract.streets)
    expect(features.filter((f) => f.properties.building && f.geometry.type === 'MultiPolygon')).toHaveLength(extract.buildings)
    expect(features.filter((f) => f.properties.place === 'neighbourhood' && f.geometry.type === 'Point')).toHaveLength(extract.places)
  })

  it('gives every building a house number unique on its street, and puts it within 25 m of a way of that street', () => {
    const { features } = readBack()
    const streets = features.filter((f) => f.properties.highway)
    // osmium exports a closed way both as a polygon and as a line: the polygons are the buildings.
    const buildings = features.filter((f) => f.properties.building && f.geometry.type === 'MultiPolygon')
    const addresses = buildings.map((b) => `${b.properties['addr:street']} ${b.properties['addr:housenumber']}`)
    expect(new Set(addresses).size).toBe(buildings.length)
    expect(addresses.filter((a) => /^\S+ \S.* \d+А?$/.test(a))).toHaveLength(buildings.length)
    for (const b of buildings) {
      const ring = (b.geometry.coordinates as number[][][][])[0]![0]!
      const centre = [(ring[0]![0]! + ring[2]![0]!) / 2, (ring[0]![1]! + ring[2]![1]!) / 2]
      const ways = streets.filter((s) => s.properties.name === b.properties['addr:street']).map((s) => s.geometry.coordinates as number[][])
      // Streets are straight: the distance to a way is that to its line through both ends, clamped to them.
      const nearest = Math.min(
        ...ways.map(([a, z]) => {
          const steps = 50
          return Math.min(...Array.from({ length: steps + 1 }, (_, i) => metres(centre, [a![0]! + ((z![0]! - a![0]!) * i) / steps, a![1]! + ((z![1]! - a![1]!) * i) / steps])))
        }),
      )
      expect(nearest).toBeLessThan(25)
    }
  })

  it('lies inside Kyiv’s city boundary', () => {
    const { features } = readBack()
    const positions = features.flatMap((f) => JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+,-?\d+\.\d+/g)!.map((p) => p.split(',').map(Number)))
    const box = [Math.min(...positions.map((p) => p[0]!)), Math.min(...positions.map((p) => p[1]!)), Math.max(...positions.map((p) => p[0]!)), Math.max(...positions.map((p) => p[1]!))]
    const boundary = fileURLToPath(new URL('../../layers/demo/data/kyiv/kyiv_city_boundary_osm.geojson', import.meta.url))
    const run = spawnSync('ogrinfo', ['-ro', '-q', '-dialect', 'SQLite', '-sql', `SELECT ST_Within(BuildMbr(${box.join(', ')}, 4326), geometry) AS within FROM kyiv_city_boundary_osm WHERE GeometryType(geometry) = 'POLYGON'`, boundary], { encoding: 'utf8' })
    expect(run.error, 'ogrinfo (GDAL) is needed to check the boundary').toBeUndefined()
    expect(/within \(Integer\) = (\d)/.exec(run.stdout)?.[1]).toBe('1')
  })
})
