/**
 * Layer exports on a real filesystem that is full or read-only (a small tmpfs): the request is
 * answered with a 503 problem the client may retry, and no file is left behind, neither a
 * temporary one nor half a file under the export's name.
 */
import { mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { LayerExportStore } from '../../layers/index.ts'
import { TileService } from '../../tiles/index.ts'
import { mountTestFilesystem } from '../appeals/testing.ts'
import { createApp } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { expectProblem, testAppDeps } from '../testing.ts'

const disk = mountTestFilesystem(1024)
if (typeof disk === 'string') console.warn(`layer export fault tests skipped: ${disk}`)
const fs = disk as Exclude<typeof disk, string>
const root = typeof disk === 'string' ? '' : join(disk.dir, 'exports')

let database: Database
let app: ReturnType<typeof createApp>

beforeAll(async () => {
  if (typeof disk === 'string') return
  mkdirSync(root)
  database = await openTestDatabase()
  app = checkedAgainstContract(createApp({ ...testAppDeps(database, await TileService.create(database.db)), layerExports: new LayerExportStore(root), log: () => {} }))
})
afterEach(() => {
  if (typeof disk === 'string') return
  fs.writable()
  fs.empty()
})
afterAll(async () => {
  if (typeof disk === 'string') return
  await database?.close()
  fs.unmount()
})

/** Every file under the store's folder (folders left out). */
function storedFiles(): string[] {
  return (readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{ isFile(): boolean; name: string; parentPath: string }>)
    .filter((e) => e.isFile() || e.name.endsWith('.lock'))
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
}

// The alcohol licences (7,000 points) make exports of a few MB, larger than the whole tmpfs.
const LAYER = 'kyiv-alcohol-licenses'

describe.skipIf(typeof disk === 'string')('layer exports on a full or read-only disk', () => {
  it.each(['geojson', 'csv', 'gpkg', 'fgb'])('answers the %s export with a 503 problem when the disk fills up, and leaves no file', async (format) => {
    fs.fill(64 * 1024)
    const res = await app.request(`/api/layers/${LAYER}/export.${format}`)
    expect(await expectProblem(res, 503)).toMatchObject({ type: '/problems/unavailable' })
    expect(res.headers.get('Retry-After')).toBe('60')
    expect(storedFiles()).toEqual([])
  })

  it('answers with a 503 problem when the folder is read-only, and leaves no file', async () => {
    fs.readOnly()
    await expectProblem(await app.request(`/api/layers/${LAYER}/export.csvt`), 503)
    fs.writable()
    expect(storedFiles()).toEqual([])
  })

  it('writes the export once there is room again', async () => {
    const res = await app.request(`/api/layers/kyiv-metro-stations/export.gpkg`)
    expect(res.status).toBe(200)
    expect(storedFiles().filter((f) => f.includes('.partial'))).toEqual([])
  })
})
