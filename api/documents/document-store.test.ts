import { mkdtempSync, readdirSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { TileService } from '../../tiles/index.ts'
import { mountTestFilesystem } from '../appeals/testing.ts'
import { signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { createTestLayer, dropTestLayers, expectProblem, testAppDeps, testLayerDefinition, uniqueLayerId } from '../testing.ts'
import { DocumentStore, existingDocumentIds } from './index.ts'

/** A PDF map made by `ogr2ogr -f PDF` (GDAL). */
const PDF = readFileSync(fileURLToPath(new URL('../../layers/upload/fixtures/sniff/places.pdf', import.meta.url)))

let database: Database
let tiles: TileService
let planner: Record<string, string>
const layer = uniqueLayerId('test-docstore')
const ORIGIN = { Origin: 'http://localhost' }

beforeAll(async () => {
  database = await openTestDatabase()
  tiles = await TileService.create(database.db)
  planner = { Cookie: (await signInAs(appOver(new DocumentStore(mkdtempSync(join(tmpdir(), 'hromada-documents-')))), 'planner')).cookie }
  await createTestLayer(database.db, testLayerDefinition(layer))
})
afterAll(async () => {
  await dropTestLayers(database.db, layer)
  await database.close()
})

function appOver(store: DocumentStore): App {
  return checkedAgainstContract(createApp({ ...testAppDeps(database, tiles), documents: { store, maxBytes: 1024 * 1024 } }))
}

function attach(app: App, name = 'decision.pdf') {
  const form = new FormData()
  form.set('file', new Blob([PDF]), name)
  form.set('title[uk]', 'Рішення')
  form.set('kind', 'decision')
  return app.request(`/api/layers/${layer}/documents`, { method: 'POST', headers: { ...planner, ...ORIGIN }, body: form })
}

const rowsOf = async () => (await database.db.selectFrom('layer_documents').select('id').where('layer_id', '=', layer).execute()).map((r) => r.id)
const isDocument = (ids: string[]) => existingDocumentIds(database.db, ids)
const HOUR_AGO = () => new Date(Date.now() - 3_600_000)

describe('document store recovery', () => {
  it('promotes a committed file left staged, removes stale uncommitted and orphaned files, keeps recent ones', async () => {
    const root = mkdtempSync(join(tmpdir(), 'hromada-documents-'))
    const store = new DocumentStore(root)
    const app = appOver(store)
    const committed = ((await (await attach(app)).json()) as { id: string }).id
    const orphan = ((await (await attach(app)).json()) as { id: string }).id
    // A crash between COMMIT and promotion leaves a committed file staged.
    renameSync(join(root, 'files', `${committed}.pdf`), join(root, 'pending', `${committed}.pdf`))
    // A row removed while its file could not go: the file stays, named by no row.
    await database.db.deleteFrom('layer_documents').where('id', '=', orphan).execute()
    const old = new Date(Date.now() - 2 * 3_600_000)
    utimesSync(join(root, 'files', `${orphan}.pdf`), old, old)
    // A crash between staging and COMMIT: one long ago, one that may be a write in flight.
    const stale = '00000000-0000-4000-8000-000000000001'
    const recent = '00000000-0000-4000-8000-000000000002'
    writeFileSync(join(root, 'pending', `${stale}.pdf`), PDF)
    utimesSync(join(root, 'pending', `${stale}.pdf`), old, old)
    writeFileSync(join(root, 'pending', `${recent}.pdf`), PDF)

    expect(await store.recover(isDocument, HOUR_AGO())).toEqual({ promoted: 1, removed: 2 })
    expect(readdirSync(join(root, 'files'))).toEqual([`${committed}.pdf`])
    expect(readdirSync(join(root, 'pending'))).toEqual([`${recent}.pdf`])
    const file = await app.request(`/api/layers/${layer}/documents/${committed}/file`)
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)
  })
})

describe('document store faults', () => {
  let fs: ReturnType<typeof mountTestFilesystem>
  beforeAll(() => {
    fs = mountTestFilesystem(256)
  })
  afterAll(() => {
    if (typeof fs !== 'string') fs.unmount()
  })

  it('answers 507 when the disk is full, leaving no file and no row', async (ctx) => {
    if (typeof fs === 'string') return ctx.skip(fs)
    const app = appOver(new DocumentStore(join(fs.dir, 'full')))
    const before = await rowsOf()
    fs.fill(1024)
    try {
      const body = await expectProblem(await attach(app), 507)
      expect(body.type).toBe('/problems/insufficient-storage')
    } finally {
      fs.empty()
    }
    expect(await rowsOf()).toEqual(before)
    expect(readdirSync(join(fs.dir, 'full', 'pending'))).toEqual([])
    expect(readdirSync(join(fs.dir, 'full', 'files'))).toEqual([])
  })

  it('answers 503 with Retry-After when the folder is read-only, leaving no row', async (ctx) => {
    if (typeof fs === 'string') return ctx.skip(fs)
    const app = appOver(new DocumentStore(join(fs.dir, 'read-only')))
    // The folders exist (made by an earlier document) when the disk turns read-only.
    expect((await attach(app)).status).toBe(201)
    const before = await rowsOf()
    fs.readOnly()
    try {
      const res = await attach(app)
      expect(res.headers.get('Retry-After')).toMatch(/^\d+$/)
      const body = await expectProblem(res, 503)
      expect(body.type).toBe('/problems/unavailable')
    } finally {
      fs.writable()
    }
    expect(await rowsOf()).toEqual(before)
  })
})
