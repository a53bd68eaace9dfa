/**
 * Upload benchmark: a planner's large GeoJSON sent to `POST /api/layer-uploads` of a running
 * server (read, checked, reprojected and staged in one transaction), against GDAL's
 * `ogr2ogr -f PostgreSQL` loading the same file into the same database (the limit), and a
 * simple peer: a Node script that streams the features into a table with no checks at all.
 * Also the server's peak resident memory over the upload (VmHWM), which must stay under 1 GB.
 */
import { spawnSync } from 'node:child_process'
import { createWriteStream, mkdtempSync, openAsBlob, readFileSync, rmSync, statSync } from 'node:fs'
import { once } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { openDatabase } from '../../db/index.ts'
import { digest, newToken, SESSION_COOKIE } from '../../api/auth/index.ts'
import { openDataFile, readGeoJsonFeatures } from '../../layers/index.ts'
import { startScript, stopProcess, waitFor } from './processes.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'

/** What one upload benchmark measured. */
export interface UploadBenchResult {
  fileBytes: number
  features: number
  /** Seconds each took for the whole file. */
  ours: number
  gdal: number | undefined
  peer: number
  /** The server's peak resident set over its life, in bytes (VmHWM). */
  peakRss: number
  gdalVersion: string | undefined
}

const PORT = 8821
const PEAK_RSS_LIMIT = 1024 * 1024 * 1024

/** A deterministic pseudo-random sequence (mulberry32), so every run writes the same file. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PURPOSES = ['для будівництва і обслуговування житлового будинку', 'для ведення товарного сільськогосподарського виробництва', 'землі запасу', 'для розміщення закладів освіти', 'рекреаційного призначення']

/**
 * Writes a GeoJSON FeatureCollection of about `bytes` bytes: synthetic land parcels around Kyiv,
 * each a polygon of 12 vertices with a cadastral number, a purpose and an area. Returns the count.
 */
export async function writeParcelsGeoJson(path: string, bytes: number): Promise<number> {
  const next = random(20261207)
  const out = createWriteStream(path)
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain')
  }
  await write('{"type":"FeatureCollection","name":"synthetic-parcels","features":[\n')
  let written = 0
  let count = 0
  while (written < bytes) {
    const [cx, cy] = [30.2 + next() * 0.6, 50.3 + next() * 0.3]
    const r = 0.0003 + next() * 0.0007
    const ring: number[][] = []
    for (let k = 0; k < 12; k++) {
      const angle = (k / 12) * 2 * Math.PI
      const s = r * (0.8 + next() * 0.4)
      ring.push([Number((cx + s * Math.cos(angle)).toFixed(7)), Number((cy + s * Math.sin(angle) * 0.64).toFixed(7))])
    }
    ring.push(ring[0]!)
    const feature = {
      type: 'Feature',
      properties: {
        cadnum: `80000000${String(count % 100).padStart(2, '0')}:${String(count % 97).padStart(2, '0')}:${String(count % 991).padStart(3, '0')}:${String(count).padStart(6, '0')}`,
        purpose: PURPOSES[Math.floor(next() * PURPOSES.length)],
        area_ha: Number((next() * 2).toFixed(4)),
        synthetic: true,
      },
      geometry: { type: 'Polygon', coordinates: [ring] },
    }
    const text = `${count ? ',\n' : ''}${JSON.stringify(feature)}`
    await write(text)
    written += Buffer.byteLength(text)
    count++
  }
  await write('\n]}\n')
  out.end()
  await once(out, 'finish')
  return count
}

/** The peak resident set of a process so far (Linux `VmHWM`), in bytes. */
function peakRssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'))
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN) * 1024
}

/** The simple peer: stream the features and insert them 1000 at a time, with no check. */
async function simplePeer(databaseUrl: string, path: string): Promise<number> {
  const database = await openDatabase({ databaseUrl, dataDir: tmpdir(), poolSize: 1, log: () => {} })
  try {
    await sql`CREATE TABLE peer_parcels (id serial PRIMARY KEY, properties jsonb, geom geometry(Geometry, 4326))`.execute(database.db)
    const started = performance.now()
    let batch: unknown[] = []
    const flush = async () => {
      if (batch.length === 0) return
      await sql`INSERT INTO peer_parcels (properties, geom)
                SELECT f->'properties', ST_SetSRID(ST_GeomFromGeoJSON(f->>'geometry'), 4326)
                  FROM jsonb_array_elements(${JSON.stringify(batch)}::jsonb) f`.execute(database.db)
      batch = []
    }
    for await (const { feature } of readGeoJsonFeatures(await openDataFile(path))) {
      batch.push(feature)
      if (batch.length >= 1000) await flush()
    }
    await flush()
    return (performance.now() - started) / 1000
  } finally {
    await database.close()
  }
}

/** GDAL's own loader on the same file into the same database, or undefined without GDAL. */
function gdalLoad(clusterDir: string, port: number, path: string): { seconds: number; version: string } | undefined {
  const version = spawnSync('ogr2ogr', ['--version'], { encoding: 'utf8' })
  if (version.error) return undefined
  const started = performance.now()
  const r = spawnSync('ogr2ogr', ['-f', 'PostgreSQL', `PG:host=${clusterDir} port=${port} dbname=hromada_bench user=postgres`, path, '-nln', 'gdal_parcels', '-lco', 'GEOMETRY_NAME=geom', '-overwrite'], {
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`ogr2ogr failed: ${r.stderr}`)
  return { seconds: (performance.now() - started) / 1000, version: version.stdout.trim() }
}

/** Signs a planner in by writing a session row, as the permission tests do (no password hashing). */
async function plannerSession(databaseUrl: string): Promise<string> {
  const database = await openDatabase({ databaseUrl, dataDir: tmpdir(), poolSize: 1, log: () => {} })
  try {
    const token = newToken()
    const user = await database.db.insertInto('users').values({ email: 'bench-planner@example.ua', name: 'Benchmark' }).returning('id').executeTakeFirstOrThrow()
    await database.db.insertInto('user_roles').values({ user_id: user.id, role: 'planner' }).execute()
    await sql`INSERT INTO sessions (token_hash, user_id, expires_at) VALUES (${digest(token)}, ${user.id}, now() + interval '1 day')`.execute(database.db)
    return token
  } finally {
    await database.close()
  }
}

/**
 * Runs the upload benchmark on a throwaway PostgreSQL cluster: the file is written first, then
 * our server, GDAL and the peer load it in turn. Undefined when PostgreSQL is not installed.
 */
export async function runUploadBenchmark(megabytes: number, log: (line: string) => void): Promise<UploadBenchResult | undefined> {
  const cluster = startThrowawayCluster(54349)
  if (!cluster) return undefined
  const work = mkdtempSync(join(tmpdir(), 'hromada-upload-bench-'))
  try {
    const file = join(work, 'parcels.geojson')
    const features = await writeParcelsGeoJson(file, megabytes * 1024 * 1024)
    const fileBytes = statSync(file).size
    log(`upload benchmark: ${(fileBytes / 1048576).toFixed(0)} MB, ${features} features`)
    // The server migrates the database; a planner's session lets the upload in.
    const env = {
      DATABASE_URL: cluster.url,
      PORT: String(PORT),
      HROMADA_DEMO: '0',
      PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      HROMADA_DATA_DIR: join(work, 'data'),
      HROMADA_SKIP_BUILD: '1',
      HROMADA_ACCESS_LOG: '0',
      HROMADA_MAX_UPLOAD_MB: String(megabytes * 2),
    }
    const server = startScript('scripts/start.mjs', env)
    let ours: number
    let peakRss: number
    try {
      await waitFor(`http://127.0.0.1:${PORT}/api/health`, 120)
      const token = await plannerSession(cluster.url)
      const form = new FormData()
      form.set('file', await openAsBlob(file), 'parcels.geojson')
      const started = performance.now()
      const res = await fetch(`http://127.0.0.1:${PORT}/api/layer-uploads`, {
        method: 'POST',
        body: form,
        headers: { Cookie: `${SESSION_COOKIE}=${token}`, Origin: `http://127.0.0.1:${PORT}` },
      })
      const body = (await res.json()) as { feature_count?: number; detail?: string }
      ours = (performance.now() - started) / 1000
      if (res.status !== 201 || body.feature_count !== features) throw new Error(`the upload answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`)
      peakRss = peakRssOf(server.pid!)
    } finally {
      await stopProcess(server)
    }
    log(`  ours: ${ours.toFixed(1)} s, peak RSS ${(peakRss / 1048576).toFixed(0)} MB`)
    const gdal = gdalLoad(cluster.dir, 54349, file)
    log(gdal ? `  GDAL: ${gdal.seconds.toFixed(1)} s` : '  GDAL: not installed (apt install gdal-bin), row skipped')
    const peer = await simplePeer(cluster.url, file)
    log(`  simple peer: ${peer.toFixed(1)} s`)
    return { fileBytes, features, ours, gdal: gdal?.seconds, peer, peakRss, gdalVersion: gdal?.version }
  } finally {
    cluster.stop()
    rmSync(work, { recursive: true, force: true })
    rmSync(cluster.dir, { recursive: true, force: true })
  }
}

/** The result as a Markdown section for docs/benchmarks.md. */
export function formatUploadReport(r: UploadBenchResult, when = new Date()): string {
  const mbps = (s: number) => (r.fileBytes / 1048576 / s).toFixed(1)
  const fps = (s: number) => Math.round(r.features / s)
  const rows = [
    `| our upload (read, check, reproject, stage) | ${r.ours.toFixed(1)} | ${mbps(r.ours)} | ${fps(r.ours)} |`,
    r.gdal === undefined ? '| GDAL ogr2ogr -f PostgreSQL | skipped: gdal-bin not installed | | |' : `| GDAL ogr2ogr -f PostgreSQL (${r.gdalVersion}) | ${r.gdal.toFixed(1)} | ${mbps(r.gdal)} | ${fps(r.gdal)} |`,
    `| simple peer (stream, insert, no checks) | ${r.peer.toFixed(1)} | ${mbps(r.peer)} | ${fps(r.peer)} |`,
  ]
  const ratio = r.gdal === undefined ? 'GDAL missing: no ratio' : `**${(r.gdal / r.ours).toFixed(2)}** of GDAL's throughput (bar ≥ 0.5)`
  const rss = `${(r.peakRss / 1048576).toFixed(0)} MB (bar < ${PEAK_RSS_LIMIT / 1048576} MB)`
  return [
    `### Upload of a ${(r.fileBytes / 1048576).toFixed(0)} MB GeoJSON, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `${r.features} synthetic parcels (12-vertex polygons with Cyrillic attributes) into a throwaway PostgreSQL 15 + PostGIS cluster; the same file and database for all three.`,
    '',
    '| loader | seconds | MB/s | features/s |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Ours: ${ratio}, ${(r.peer / r.ours).toFixed(2)} of the simple peer's. Server peak RSS over the upload: ${rss}.`,
  ].join('\n')
}
