/**
 * The test entry of the tiles module: a small basemap archive of the Protomaps schema made from
 * the OpenStreetMap test extract. GDAL cuts the vector tiles (its MVT driver); they are packed
 * into a PMTiles v3 archive here, as `pmtiles convert` would, with no compression.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { zxyToTileId } from 'pmtiles'

const EXTRACT = new URL('../layers/osm/fixtures/kyiv-centre.osm.pbf', import.meta.url).pathname

/** The layers of the archive, as SQL over GDAL's OSM driver, in Protomaps' schema (`kind`, `name`). */
const LAYERS: Array<[name: string, type: string, sql: string]> = [
  ['earth', 'POLYGON', "SELECT BuildMbr(30.50, 50.43, 30.54, 50.46, 4326) AS geometry, 'earth' AS kind"],
  ['water', 'MULTIPOLYGON', "SELECT geometry, 'water' AS kind, name FROM multipolygons WHERE natural = 'water'"],
  ['buildings', 'MULTIPOLYGON', "SELECT geometry, 'building' AS kind, name FROM multipolygons WHERE building IS NOT NULL"],
  [
    'roads',
    'LINESTRING',
    "SELECT geometry, name, CASE WHEN highway IN ('primary', 'secondary') THEN 'major_road' WHEN highway = 'tertiary' THEN 'medium_road' WHEN highway IN ('footway', 'path') THEN 'path' ELSE 'minor_road' END AS kind FROM lines WHERE highway IS NOT NULL",
  ],
  ['places', 'POINT', "SELECT geometry, CASE WHEN place = 'city' THEN 'locality' ELSE 'neighbourhood' END AS kind, name, 10 AS min_zoom FROM points WHERE place IS NOT NULL"],
]

function run(args: string[]): void {
  const done = spawnSync('ogr2ogr', args, { encoding: 'utf8' })
  if (done.status !== 0) throw new Error(`ogr2ogr ${args.join(' ')} failed: ${done.stderr}`)
}

/**
 * Writes `out`: a PMTiles archive of central Kyiv (zooms 12–15) with Protomaps' `earth`,
 * `water`, `buildings`, `roads` and `places` layers; `tileType` 1 (vector) unless told.
 */
export function writeProtomapsTestArchive(out: string, options: { tileType?: number; layers?: string[] } = {}): void {
  const dir = mkdtempSync(join(tmpdir(), 'pmtiles-fixture-'))
  try {
    const gpkg = join(dir, 'layers.gpkg')
    const wanted = LAYERS.filter(([name]) => !options.layers || options.layers.includes(name))
    for (const [i, [name, type, sql]] of wanted.entries()) {
      run([...(i > 0 ? ['-update'] : []), '-f', 'GPKG', gpkg, EXTRACT, '-dialect', 'SQLite', '-sql', sql, '-nln', name, '-nlt', type])
    }
    const tiles = join(dir, 'tiles')
    run(['-f', 'MVT', tiles, gpkg, '-dsco', 'FORMAT=DIRECTORY', '-dsco', 'MINZOOM=12', '-dsco', 'MAXZOOM=15', '-dsco', 'COMPRESS=NO'])
    const metadata = JSON.parse(readFileSync(join(tiles, 'metadata.json'), 'utf8')) as { json: string }
    packPmtiles(tiles, JSON.parse(metadata.json) as object, out, options.tileType ?? 1)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The tiles of a `z/x/y.pbf` folder and its metadata as a PMTiles v3 archive (one root directory, nothing compressed). */
function packPmtiles(tilesDir: string, metadata: object, out: string, tileType: number): void {
  const tiles: Array<{ id: number; z: number; bytes: Buffer }> = []
  for (const z of readdirSync(tilesDir).filter((d) => /^\d+$/.test(d))) {
    for (const x of readdirSync(join(tilesDir, z))) {
      for (const file of readdirSync(join(tilesDir, z, x))) {
        const y = Number(file.replace('.pbf', ''))
        tiles.push({ id: zxyToTileId(Number(z), Number(x), y), z: Number(z), bytes: readFileSync(join(tilesDir, z, x, file)) })
      }
    }
  }
  tiles.sort((a, b) => a.id - b.id)
  const varints: number[] = []
  const varint = (n: number) => {
    let v = n
    while (v >= 0x80) {
      varints.push((v % 0x80) | 0x80)
      v = Math.floor(v / 0x80)
    }
    varints.push(v)
  }
  varint(tiles.length)
  let last = 0
  for (const t of tiles) varint(t.id - last), (last = t.id)
  for (const _ of tiles) varint(1)
  for (const t of tiles) varint(t.bytes.length)
  // Offsets: 0 means "right after the previous tile"; the first is written as offset + 1.
  tiles.forEach((_, i) => varint(i === 0 ? 1 : 0))
  const directory = Buffer.from(varints)
  const json = Buffer.from(JSON.stringify(metadata))
  const data = Buffer.concat(tiles.map((t) => t.bytes))
  const header = Buffer.alloc(127)
  header.write('PMTiles', 0, 'ascii')
  header.writeUInt8(3, 7)
  const u64 = (offset: number, value: number) => header.writeBigUInt64LE(BigInt(value), offset)
  u64(8, 127)
  u64(16, directory.length)
  u64(24, 127 + directory.length)
  u64(32, json.length)
  u64(40, 127 + directory.length + json.length)
  u64(48, 0)
  u64(56, 127 + directory.length + json.length)
  u64(64, data.length)
  u64(72, tiles.length)
  u64(80, tiles.length)
  u64(88, tiles.length)
  header.writeUInt8(1, 96) // clustered
  header.writeUInt8(1, 97) // internal compression: none
  header.writeUInt8(1, 98) // tile compression: none
  header.writeUInt8(tileType, 99)
  header.writeUInt8(Math.min(...tiles.map((t) => t.z)), 100)
  header.writeUInt8(Math.max(...tiles.map((t) => t.z)), 101)
  const e7 = (offset: number, degrees: number) => header.writeInt32LE(Math.round(degrees * 1e7), offset)
  e7(102, 30.5)
  e7(106, 50.43)
  e7(110, 30.54)
  e7(114, 50.46)
  header.writeUInt8(14, 118)
  e7(119, 30.52)
  e7(123, 50.445)
  writeFileSync(out, Buffer.concat([header, directory, json, data]))
}
