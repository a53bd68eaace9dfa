import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { TileService } from '../../tiles/index.ts'
import { signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { createTestLayer, dropTestLayers, expectProblem, testAppDeps, testLayerDefinition, uniqueLayerId } from '../testing.ts'
import { DocumentStore } from './index.ts'

/** A PDF map made by `ogr2ogr -f PDF` (GDAL). */
const PDF = readFileSync(fileURLToPath(new URL('../../layers/upload/fixtures/sniff/places.pdf', import.meta.url)))
/** A zipped Shapefile, a real zip archive. */
const ZIP = readFileSync(fileURLToPath(new URL('../../layers/upload/fixtures/sniff/places-shapefile.zip', import.meta.url)))
/** A real Linux executable. */
const EXECUTABLE = readFileSync('/bin/true')

let database: Database
let app: App
/** The same store and database with a limit below the size of {@link PDF}. */
let smallApp: App
let storeDir: string
let planner: Record<string, string>
let resident: Record<string, string>
const publicLayer = uniqueLayerId('test-docs')
const draftLayer = uniqueLayerId('test-docs')
const otherLayer = uniqueLayerId('test-docs')
let features: number[]
let otherFeature: number

const ORIGIN = { Origin: 'http://localhost' }

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  storeDir = mkdtempSync(join(tmpdir(), 'hromada-documents-test-'))
  const store = new DocumentStore(storeDir)
  app = checkedAgainstContract(createApp({ ...testAppDeps(database, tiles), documents: { store, maxBytes: 1024 * 1024 } }))
  smallApp = checkedAgainstContract(createApp({ ...testAppDeps(database, tiles), documents: { store, maxBytes: PDF.length - 1 } }))
  planner = { Cookie: (await signInAs(app, 'planner')).cookie }
  resident = { Cookie: (await signInAs(app, 'resident')).cookie }
  const point = (x: number, name: string) => ({ geometry: { type: 'Point' as const, coordinates: [30.5 + x, 50.45] }, properties: { name } })
  await createTestLayer(database.db, testLayerDefinition(publicLayer), [point(0, 'a'), point(0.01, 'b')])
  await createTestLayer(database.db, testLayerDefinition(draftLayer), [point(0, 'c')])
  await createTestLayer(database.db, testLayerDefinition(otherLayer), [point(0, 'd')])
  const res = await app.request(`/api/layers/${draftLayer}`, { method: 'PATCH', headers: { ...planner, ...ORIGIN, 'Content-Type': 'application/json' }, body: JSON.stringify({ status: 'draft' }) })
  expect(res.status).toBe(200)
  const ids = async (layer: string) => (await database.db.selectFrom('features').select('id').where('layer_id', '=', layer).orderBy('id').execute()).map((r) => Number(r.id))
  features = await ids(publicLayer)
  otherFeature = (await ids(otherLayer))[0]!
})
afterAll(async () => {
  await dropTestLayers(database.db, publicLayer, draftLayer, otherLayer)
  await database.close()
})

/** Attaches a file as a browser form would. */
function attach(layer: string, name: string, content: Uint8Array, fields: Record<string, string> = { 'title[uk]': 'Рішення', kind: 'decision' }, who = planner, via = app) {
  const form = new FormData()
  form.set('file', new Blob([content as BlobPart], { type: 'application/pdf' }), name)
  for (const [k, v] of Object.entries(fields)) form.set(k, v)
  return via.request(`/api/layers/${layer}/documents`, { method: 'POST', headers: { ...who, ...ORIGIN }, body: form })
}

/** Rows of a layer's documents, and files in the store (stored and staged). */
async function leftovers(layer: string): Promise<{ rows: number; files: number; staged: number }> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM layer_documents WHERE layer_id = ${layer}`.execute(database.db)
  const count = (dir: string) => readdirSync(join(storeDir, dir)).length
  return { rows: rows[0]!.n, files: count('files'), staged: count('pending') }
}

interface Doc {
  id: string
  feature_id: number | null
  title: { uk: string; en: string }
  file_name: string
  bytes: number
  pages: number | null
  url: string
}

/** The name `filename*=UTF-8''…` of a Content-Disposition gives. */
function extendedFileName(disposition: string): string {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1]
  expect(encoded).toBeDefined()
  return decodeURIComponent(encoded!)
}

describe('layer documents', () => {
  const cyrillicName = 'Рішення №12 «Про детальний план» (2024).pdf'

  it('attaches a PDF to a layer and serves it with its Cyrillic name, an ETag and 304', async () => {
    const res = await attach(publicLayer, cyrillicName, PDF, {
      'title[uk]': 'Рішення про затвердження',
      'title[en]': 'Approval decision',
      kind: 'decision',
      decision_number: '12/2024',
      decision_date: '2024-03-15',
    })
    expect(res.status).toBe(201)
    const doc = (await res.json()) as Doc
    expect(doc).toMatchObject({ feature_id: null, title: { uk: 'Рішення про затвердження', en: 'Approval decision' }, file_name: cyrillicName, bytes: PDF.length, pages: 1, decision_number: '12/2024', decision_date: '2024-03-15' })
    expect(res.headers.get('Location')).toBe(doc.url)
    // Named by its id, never by the client's name, and readable by the server's user only.
    const onDisk = join(storeDir, 'files', `${doc.id}.pdf`)
    expect(statSync(onDisk).mode & 0o777).toBe(0o600)
    expect(readFileSync(onDisk).equals(PDF)).toBe(true)
    const audit = await database.db.selectFrom('audit_log').select(['action', 'changes']).where('object_type', '=', 'layer').where('object_id', '=', publicLayer).where('action', '=', 'document-added').execute()
    expect(audit).toHaveLength(1)
    expect(JSON.stringify(audit[0]!.changes)).toContain(doc.id)

    const file = await app.request(new URL(doc.url).pathname)
    expect(file.status).toBe(200)
    expect(file.headers.get('Content-Type')).toBe('application/pdf')
    expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff')
    const disposition = file.headers.get('Content-Disposition')!
    expect(disposition).toMatch(/^inline; filename="[\x20-\x7e]+"; filename\*=UTF-8''/)
    expect(extendedFileName(disposition)).toBe(cyrillicName)
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)
    const etag = file.headers.get('ETag')
    expect(etag).toBe(`"${createHash('sha256').update(PDF).digest('hex')}"`)
    const again = await app.request(new URL(doc.url).pathname, { headers: { 'If-None-Match': etag! } })
    expect(again.status).toBe(304)
    expect(await again.text()).toBe('')

    const list = (await (await app.request(`/api/layers/${publicLayer}/documents`)).json()) as Doc[]
    expect(list.map((d) => d.id)).toContain(doc.id)
  })

  it('keeps a path-free, quote-free name and sends it whole', async () => {
    const res = await attach(publicLayer, 'C:\\Users\\planner\\"Пояснювальна"\tзаписка.PDF', PDF, { 'title[uk]': 'Пояснювальна записка', kind: 'explanatory-note' })
    expect(res.status).toBe(201)
    const doc = (await res.json()) as Doc
    expect(doc.file_name).toBe('Пояснювальна записка.pdf')
    expect(doc.title.en).toBe('')
    const file = await app.request(new URL(doc.url).pathname)
    expect(extendedFileName(file.headers.get('Content-Disposition')!)).toBe('Пояснювальна записка.pdf')
    await file.arrayBuffer()
  })

  describe('refuses what is not a PDF it may keep, leaving nothing behind', () => {
    const cases: Array<[string, () => Response | Promise<Response>, number, string?]> = [
      ['an executable renamed .pdf', () => attach(otherLayer, 'decision.pdf', EXECUTABLE), 422, '/problems/unreadable-file'],
      ['a zip archive named .pdf', () => attach(otherLayer, 'drawing.pdf', ZIP), 422, '/problems/unreadable-file'],
      ['an empty file', () => attach(otherLayer, 'empty.pdf', new Uint8Array()), 422, '/problems/unreadable-file'],
      ['a PDF cut short (no %%EOF)', () => attach(otherLayer, 'cut.pdf', PDF.subarray(0, PDF.length - 40)), 422, '/problems/unreadable-file'],
      ['a file over the size limit', () => attach(otherLayer, 'big.pdf', PDF, undefined, planner, smallApp), 413, '/problems/payload-too-large'],
      ['a feature of another layer', () => attach(otherLayer, 'x.pdf', PDF, { 'title[uk]': 'Креслення', kind: 'drawing', feature_id: String(features[0]) }), 422, '/problems/invalid-input'],
      ['no Ukrainian title', () => attach(otherLayer, 'x.pdf', PDF, { 'title[en]': 'Drawing', kind: 'drawing' }), 400, '/problems/invalid-input'],
      ['an unknown kind', () => attach(otherLayer, 'x.pdf', PDF, { 'title[uk]': 'Креслення', kind: 'photo' }), 400, '/problems/invalid-input'],
      ['a resident', () => attach(otherLayer, 'x.pdf', PDF, undefined, resident), 403],
    ]
    it.each(cases)('%s', async (_what, send, status, type) => {
      const before = await leftovers(otherLayer)
      const body = await expectProblem(await send(), status)
      if (type) expect(body.type).toBe(type)
      expect(await leftovers(otherLayer)).toEqual({ ...before, rows: 0, staged: 0 })
    })
  })

  it("hides a draft layer's documents from the public and shows them to staff", async () => {
    const res = await attach(draftLayer, 'draft.pdf', PDF)
    expect(res.status).toBe(201)
    const doc = (await res.json()) as Doc
    const path = new URL(doc.url).pathname
    await expectProblem(await app.request(`/api/layers/${draftLayer}/documents`), 404)
    await expectProblem(await app.request(path), 404)
    await expectProblem(await app.request(`/api/layers/${draftLayer}/documents`, { headers: resident }), 404)
    await expectProblem(await app.request(path, { headers: resident }), 404)
    const staff = await app.request(`/api/layers/${draftLayer}/documents`, { headers: planner })
    expect(((await staff.json()) as Doc[]).map((d) => d.id)).toEqual([doc.id])
    const file = await app.request(path, { headers: planner })
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)
  })

  it("lists one feature's documents with ?feature=", async () => {
    const [a, b] = features as [number, number]
    const forA = (await (await attach(publicLayer, 'a.pdf', PDF, { title: JSON.stringify({ uk: 'Креслення А', en: 'Drawing A' }), kind: 'drawing', feature_id: String(a) })).json()) as Doc
    const forB = (await (await attach(publicLayer, 'b.pdf', PDF, { 'title[uk]': 'Креслення Б', kind: 'drawing', feature_id: String(b) })).json()) as Doc
    expect(forA).toMatchObject({ feature_id: a, title: { uk: 'Креслення А', en: 'Drawing A' } })
    const listed = async (feature: number) => ((await (await app.request(`/api/layers/${publicLayer}/documents?feature=${feature}`)).json()) as Doc[]).map((d) => d.id)
    expect(await listed(a)).toEqual([forA.id])
    expect(await listed(b)).toEqual([forB.id])
    expect(await listed(otherFeature)).toEqual([])
    const all = ((await (await app.request(`/api/layers/${publicLayer}/documents`)).json()) as Doc[]).map((d) => d.id)
    expect(all).toEqual(expect.arrayContaining([forA.id, forB.id]))
  })

  it('removes a document: the row, then its file, audited', async () => {
    const doc = (await (await attach(publicLayer, 'gone.pdf', PDF)).json()) as Doc
    const onDisk = join(storeDir, 'files', `${doc.id}.pdf`)
    expect(statSync(onDisk).size).toBe(PDF.length)
    const remove = (who: Record<string, string>) => app.request(`/api/layers/${publicLayer}/documents/${doc.id}`, { method: 'DELETE', headers: { ...who, ...ORIGIN } })
    await expectProblem(await remove(resident), 403)
    expect((await remove(planner)).status).toBe(204)
    expect(readdirSync(join(storeDir, 'files'))).not.toContain(`${doc.id}.pdf`)
    expect(await database.db.selectFrom('layer_documents').select('id').where('id', '=', doc.id).executeTakeFirst()).toBeUndefined()
    const audit = await database.db.selectFrom('audit_log').select('changes').where('object_id', '=', publicLayer).where('action', '=', 'document-removed').execute()
    expect(audit.map((r) => JSON.stringify(r.changes)).join()).toContain(doc.id)
    await expectProblem(await app.request(new URL(doc.url).pathname), 404)
    await expectProblem(await remove(planner), 404)
  })
})
