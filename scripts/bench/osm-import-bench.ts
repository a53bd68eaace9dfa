/**
 * OpenStreetMap import benchmark: a synthetic city extract (a grid of streets with Cyrillic
 * names and buildings with house numbers, ~200,000 nodes, made here and converted to PBF by
 * osmium) imported into the basemap layers of Kyiv by `importOsmExtract`, against osm2pgsql's
 * default pgsql output loading the same file into the same throwaway cluster.
 */
import { spawnSync } from 'node:child_process'
import { appendFileSync, closeSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { type Kysely, sql } from 'kysely'
import { type DB, openDatabase } from '../../db/index.ts'
import { loadDemoData } from '../../api/demo/index.ts'
import { formatOsmImportReport, importOsmExtract } from '../../layers/index.ts'
import { ROOT } from './processes.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'

const PORT = 54379
const CITY = 'kyiv'

/** Options of {@link runOsmImportBenchmark}. */
export interface OsmImportBenchOptions {
  /** Append the report to docs/benchmarks.md. */
  record: boolean
  /** Streets each way of the grid (default 40: ~196,000 nodes, ~49,000 buildings). */
  gridStreets?: number
  note?: string | undefined
}

/** What the synthetic extract holds. */
export interface SyntheticExtract {
  nodes: number
  ways: number
  streets: number
  buildings: number
  places: number
}

const STEMS = ['Шевченка', 'Франка', 'Лесі Українки', 'Сковороди', 'Липова', 'Садова', 'Квіткова', 'Озерна', 'Лугова', 'Польова', 'Соборна', 'Вишнева', 'Каштанова', 'Зелена', 'Степова', 'Мирна', 'Тиха', 'Лісова', 'Річкова', 'Паркова']
const KINDS = ['вулиця', 'провулок', 'бульвар', 'проспект']
const CLASSES = ['residential', 'tertiary', 'residential', 'secondary', 'residential', 'primary']
const BUILDINGS = ['yes', 'apartments', 'house', 'retail']

/** The name of the grid's `i`-th street: a kind and a stem, all different for up to 80 streets. */
const streetName = (i: number) => `${KINDS[Math.floor(i / STEMS.length) % KINDS.length]} ${STEMS[i % STEMS.length]}`
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
const tags = (t: Record<string, string>) => Object.entries(t).map(([k, v]) => `<tag k="${xml(k)}" v="${xml(v)}"/>`).join('')

/**
 * Writes a synthetic city as OSM XML to `path`: `n` streets running east and `n` running north
 * from (30.44, 50.40), inside Kyiv, split into ways at every crossing as mappers split them;
 * in each block 32 buildings of 15 × 15 m, 8 facing each street around it, numbered along
 * that street (odd on one side, even on the other, every tenth with a letter); and a place
 * node in every tenth block. Sorted nodes → ways, positive ids.
 */
export function writeSyntheticCity(path: string, n: number): SyntheticExtract {
  const fd = openSync(path, 'w')
  const out: string[] = []
  const flush = (force = false) => {
    if (force || out.length > 5000) {
      writeSync(fd, out.join('\n') + '\n')
      out.length = 0
    }
  }
  const meta = 'version="1" timestamp="2026-11-02T09:00:00Z"'
  const [lon0, lat0, dLon, dLat] = [30.44, 50.4, 0.003, 0.002]
  const mLon = 1 / 71_000
  const mLat = 1 / 111_200
  out.push('<?xml version="1.0" encoding="UTF-8"?>', '<osm version="0.6" generator="hromada-map synthetic city">')
  let nodeId = 0
  const node = (lon: number, lat: number, t?: Record<string, string>) => {
    nodeId++
    out.push(`<node id="${nodeId}" ${meta} lat="${lat.toFixed(7)}" lon="${lon.toFixed(7)}"${t ? `>${tags(t)}</node>` : '/>'}`)
    flush()
    return nodeId
  }
  const crossing: number[][] = []
  for (let i = 0; i < n; i++) crossing.push(Array.from({ length: n }, (_, j) => node(lon0 + j * dLon, lat0 + i * dLat)))
  // Buildings: their rings, tags and the number of place nodes, written after the nodes.
  const rings: Array<{ ring: number[]; tags: Record<string, string> }> = []
  let places = 0
  for (let i = 0; i < n - 1; i++) {
    for (let j = 0; j < n - 1; j++) {
      const [w, s] = [lon0 + j * dLon, lat0 + i * dLat]
      const [e, north] = [w + dLon, s + dLat]
      // Along each side, 8 buildings from 25 m in, 8 m back from the street's centre line.
      for (let k = 0; k < 8; k++) {
        const along = 25 + k * 20
        const sides = [
          { street: i, x: w + along * mLon, y: s + 8 * mLat, n: j * 8 + k, odd: false }, // south street, north side
          { street: i + 1, x: w + along * mLon, y: north - 23 * mLat, n: j * 8 + k, odd: true }, // north street, south side
          { street: n + j, x: w + 8 * mLon, y: s + along * mLat, n: i * 8 + k, odd: false }, // west street, east side
          { street: n + j + 1, x: e - 23 * mLon, y: s + along * mLat, n: i * 8 + k, odd: true }, // east street, west side
        ]
        for (const b of sides) {
          const a = node(b.x, b.y)
          const ring = [a, node(b.x + 15 * mLon, b.y), node(b.x + 15 * mLon, b.y + 15 * mLat), node(b.x, b.y + 15 * mLat), a]
          const number = `${b.n * 2 + (b.odd ? 1 : 2)}${b.n % 10 === 9 ? 'А' : ''}`
          rings.push({ ring, tags: { building: BUILDINGS[b.n % BUILDINGS.length]!, 'addr:street': streetName(b.street), 'addr:housenumber': number } })
        }
      }
      if ((i * (n - 1) + j) % 10 === 0) {
        places++
        node(w + dLon / 2, s + dLat / 2, { place: 'neighbourhood', name: `Квартал ${i + 1}-${j + 1}` })
      }
    }
  }
  let wayId = 0
  const way = (refs: number[], t: Record<string, string>) => {
    wayId++
    out.push(`<way id="${wayId}" ${meta}>${refs.map((r) => `<nd ref="${r}"/>`).join('')}${tags(t)}</way>`)
    flush()
  }
  let streets = 0
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n - 1; j++) {
      const street = { highway: CLASSES[i % CLASSES.length]!, name: streetName(i) }
      way([crossing[i]![j]!, crossing[i]![j + 1]!], street)
      way([crossing[j]![i]!, crossing[j + 1]![i]!], { highway: CLASSES[(n + i) % CLASSES.length]!, name: streetName(n + i) })
      streets += 2
    }
  }
  for (const b of rings) way(b.ring, b.tags)
  out.push('</osm>')
  flush(true)
  closeSync(fd)
  return { nodes: nodeId, ways: wayId, streets, buildings: rings.length, places }
}

const n = (v: number, d = 0) => (Number.isFinite(v) ? v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : '–')

/** One tool's run: how long it took and how many rows it wrote. */
export interface ImportRun {
  tool: string
  seconds: number
  rows: number
}

/** The Markdown section of a run for docs/benchmarks.md. */
export function formatOsmImportBenchReport(r: { extract: SyntheticExtract; bytes: number; ours: ImportRun; osm2pgsql?: ImportRun | undefined; note?: string | undefined }, when = new Date()): string {
  const features = r.extract.streets + r.extract.buildings + r.extract.places
  const row = (x: ImportRun) => `| ${x.tool} | ${n(x.seconds, 2)} | ${n(x.rows)} | ${n(features / x.seconds)} |`
  return [
    `## OpenStreetMap import benchmark, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; a throwaway PostgreSQL 15 cluster with the demo data; every process on every CPU. ` +
      `The extract is SYNTHETIC, made by the benchmark (not an OpenStreetMap download): a grid of streets with Cyrillic names inside Kyiv, with buildings with house numbers, ` +
      `${n(r.extract.nodes)} nodes, ${n(r.extract.ways)} ways (${n(r.extract.streets)} street ways, ${n(r.extract.buildings)} buildings), ${n(r.extract.places)} place nodes, ${n(r.bytes / 1e6, 1)} MB as PBF (osmium cat). ` +
      `Ours: \`importOsmExtract\` into Kyiv's basemap layers in one transaction, rows: the features it reports written to its \`${CITY}-osm-*\` layers. ` +
      'osm2pgsql: `--create --output=pgsql` with its default style, `--latlong`, not slim (nodes in memory), into the same database; rows: its point, line and polygon tables. ' +
      `Features/s: the extract's ${n(features)} features (streets, buildings, places) over the wall time.` +
      (r.note ? ` ${r.note}` : ''),
    '',
    '| tool | seconds | rows written | features/s |',
    '| --- | ---: | ---: | ---: |',
    row(r.ours),
    ...(r.osm2pgsql ? [row(r.osm2pgsql)] : []),
    '',
    r.osm2pgsql ? `Ours / osm2pgsql, features/s: **${n(r.osm2pgsql.seconds / r.ours.seconds, 2)}**.` : 'osm2pgsql is not installed here: no comparison.',
  ].join('\n')
}

/** Runs osm2pgsql on the cluster, timed; its rows are those of its point, line and polygon tables. */
async function runOsm2pgsql(db: Kysely<DB>, dir: string, file: string): Promise<ImportRun> {
  const started = performance.now()
  const run = spawnSync('osm2pgsql', ['--create', '--output=pgsql', '--latlong', '--prefix', 'osm_bench', '-d', 'hromada_bench', '-H', dir, '-P', String(PORT), '-U', 'postgres', file], { encoding: 'utf8' })
  const seconds = (performance.now() - started) / 1000
  if (run.status !== 0) throw new Error(`osm2pgsql failed: ${run.stderr}`)
  const { rows } = await sql<{ rows: number }>`
    SELECT (SELECT count(*) FROM osm_bench_point) + (SELECT count(*) FROM osm_bench_line) + (SELECT count(*) FROM osm_bench_polygon) AS rows`.execute(db)
  return { tool: 'osm2pgsql 1.8 (pgsql output)', seconds, rows: Number(rows[0]!.rows) }
}

/**
 * Times the import of a synthetic ~200,000-node city into a throwaway PostgreSQL cluster by
 * `importOsmExtract`, then by osm2pgsql where it is installed; returns (and prints) the report,
 * or undefined without PostgreSQL 15 or osmium.
 */
export async function runOsmImportBenchmark(o: OsmImportBenchOptions): Promise<string | undefined> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  if (spawnSync('osmium', ['--version']).error) return undefined
  const cluster = startThrowawayCluster(PORT)
  if (!cluster) return undefined
  const temp = mkdtempSync(join(tmpdir(), 'hromada-osm-bench-'))
  try {
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2, log })
    const db = database.db
    await loadDemoData(db, log)
    const source = join(temp, 'synthetic-city.osm')
    const extract = writeSyntheticCity(source, o.gridStreets ?? 40)
    const file = join(temp, 'synthetic-city.osm.pbf')
    const converted = spawnSync('osmium', ['cat', source, '-o', file, '--overwrite'], { encoding: 'utf8' })
    if (converted.status !== 0) throw new Error(`osmium cat failed: ${converted.stderr}`)
    log(`synthetic city: ${extract.nodes} nodes, ${extract.ways} ways, ${statSync(file).size} bytes as PBF`)

    const started = performance.now()
    const imported = await importOsmExtract(db, { file, cityId: CITY })
    const seconds = (performance.now() - started) / 1000
    log(formatOsmImportReport(imported))
    if (!imported.committed) throw new Error(`the synthetic city was refused: ${imported.error}`)
    const ours = { tool: 'ours: importOsmExtract', seconds, rows: Object.values(imported.imported).reduce((sum, count) => sum + count, 0) }
    log(`ours: ${ours.rows} rows in ${seconds.toFixed(2)} s`)
    const osm2pgsql = spawnSync('osm2pgsql', ['--version']).error ? undefined : await runOsm2pgsql(db, cluster.dir, file)
    if (osm2pgsql) log(`osm2pgsql: ${osm2pgsql.rows} rows in ${osm2pgsql.seconds.toFixed(2)} s`)
    await database.close()
    const report = formatOsmImportBenchReport({ extract, bytes: statSync(file).size, ours, osm2pgsql, note: o.note })
    console.log(report)
    if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
    return report
  } finally {
    cluster.stop()
    rmSync(cluster.dir, { recursive: true, force: true })
    rmSync(temp, { recursive: true, force: true })
  }
}
