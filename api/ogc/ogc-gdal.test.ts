/**
 * GDAL's OGC API Features driver (`OAPIF:`) against the real server: the client planners and
 * developers use (QGIS reads WFS 3 through it). Every public layer must show the database's
 * feature count, and a whole layer must copy through the `next` links.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { serveForTests } from '../testing.ts'

const GDAL_MISSING = spawnSync('ogrinfo', ['--version']).error ? 'ogrinfo (GDAL) is not installed' : undefined

let database: Database
let server: Awaited<ReturnType<typeof serveForTests>>

beforeAll(async () => {
  database = await openTestDatabase()
  server = await serveForTests(database)
})
afterAll(async () => {
  await server?.close()
  await database.close()
})

/** Runs a GDAL program without blocking the server it talks to (the same process). */
async function gdal(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, CPL_VSIL_CURL_USE_HEAD: 'YES', GDAL_HTTP_TIMEOUT: '60' } })
    let out = ''
    let err = ''
    child.stdout.on('data', (d) => (out += d))
    child.stderr.on('data', (d) => (err += d))
    child.on('error', reject)
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${program} ${args.join(' ')} failed (${code}): ${err || out}`))))
  })
}

describe.skipIf(GDAL_MISSING)("GDAL's OAPIF driver", () => {
  it('lists every public layer with the database count of its features', async () => {
    // Other test files write to the same database meanwhile: their own layers (`test-…`) come
    // and go, and filing an appeal adds a feature, so a count is checked between its values
    // before and after GDAL read it.
    const counts = async () => {
      const { rows } = await sql<{ id: string; n: number }>`
        SELECT l.id, (SELECT count(*)::int FROM features f WHERE f.layer_id = l.id) AS n
          FROM layers l WHERE l.is_public AND l.id NOT LIKE 'test-%' ORDER BY l.id`.execute(database.db)
      return new Map(rows.map((r) => [r.id, r.n]))
    }
    const before = await counts()
    const summary = await gdal('ogrinfo', ['-ro', '-so', '-al', `OAPIF:${server.origin}/ogc`])
    const after = await counts()
    const read = new Map([...summary.matchAll(/Layer name: (\S+)[\s\S]*?Feature Count: (\d+)/g)].map((m) => [m[1]!, Number(m[2])]))
    // A layer public both before and after is listed; nothing public at neither time is.
    for (const id of read.keys()) if (!id.startsWith('test-')) expect(before.has(id) || after.has(id), id).toBe(true)
    expect(after.size).toBeGreaterThan(30)
    for (const [id, n] of after) {
      if (!before.has(id)) continue
      expect(read.has(id), id).toBe(true)
      const low = Math.min(n, before.get(id) ?? n)
      const high = Math.max(n, before.get(id) ?? n)
      expect(read.get(id), id).toBeGreaterThanOrEqual(low)
      expect(read.get(id), id).toBeLessThanOrEqual(high)
    }
  }, 300_000)

  it('copies a whole layer through the next links with ogr2ogr, every feature and attribute', async () => {
    const layer = 'kyiv-alcohol-licenses'
    const dir = mkdtempSync(join(tmpdir(), 'hromada-oapif-'))
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }))
    const out = join(dir, `${layer}.geojson`)
    await gdal('ogr2ogr', ['-f', 'GeoJSON', out, `OAPIF:${server.origin}/ogc`, layer, '-oo', 'PAGE_SIZE=1000', '-preserve_fid'])
    const copied = JSON.parse(readFileSync(out, 'utf8')) as { features: Array<{ id?: number; properties: Record<string, unknown>; geometry: { coordinates: number[] } }> }
    const { rows } = await sql<{ id: number; licence_number: string; lon: number; lat: number }>`
      SELECT id, public_properties->>'licence_number' AS licence_number, ST_X(geom) AS lon, ST_Y(geom) AS lat
        FROM features WHERE layer_id = ${layer} ORDER BY id`.execute(database.db)
    expect(rows.length).toBeGreaterThan(1000)
    expect(copied.features.length).toBe(rows.length)
    const byId = new Map(copied.features.map((f) => [Number(f.id ?? f.properties.id), f]))
    expect(byId.size).toBe(rows.length)
    for (const row of rows) {
      const feature = byId.get(row.id)
      expect(feature, String(row.id)).toBeDefined()
      expect(feature!.properties.licence_number).toBe(row.licence_number)
      expect(Math.abs(feature!.geometry.coordinates[0]! - row.lon)).toBeLessThan(2e-6)
    }
  }, 300_000)
})
