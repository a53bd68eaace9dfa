/**
 * Shared helpers of the API tests: the real app over the test database, test layers that
 * each test creates and drops itself, and a vector tile decoder.
 */
import { randomBytes } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { VectorTile } from '@mapbox/vector-tile'
import type { Geometry } from 'geojson'
import { sql, type Kysely } from 'kysely'
import { getRequestListener } from '@hono/node-server'
import { PbfReader } from 'pbf'
import { expect } from 'vitest'
import type { Database, DB } from '../db/index.ts'
import { LayerExportStore, saveLayerDefinition, type LayerDefinition } from '../layers/index.ts'
import { TileService } from '../tiles/index.ts'
import type { AppealDeps } from './appeals/index.ts'
import type { AppDeps } from './http/index.ts'
import { DiskPhotoStore } from './appeals/index.ts'
import { DEFAULT_MAX_DOCUMENT_MB } from './contract/index.ts'
import { DocumentStore } from './documents/index.ts'
import { createApp, type App, type AppOptions } from './index.ts'
import { checkedAgainstContract } from './openapi/index.ts'

/** The app and the tile service behind it (its `encoded` counter proves the cache works). */
export interface TestApp {
  app: App
  tiles: TileService
}

/** The Open311 key the test apps accept. */
export const TEST_OPEN311_KEY = 'test-open311-key'

/** Everything `createApp` needs, over the test database; photos go to a fresh temporary folder. */
export function testAppDeps(database: Database, tiles: TileService, appeals: Partial<AppealDeps> = {}): AppDeps {
  return {
    db: database.db,
    engine: database.engine,
    postgis: database.postgis,
    tiles,
    appeals: {
      store: new DiskPhotoStore(mkdtempSync(join(tmpdir(), 'hromada-photos-'))),
      rateLimit: { limit: 100_000, windowSeconds: 60 },
      trustProxy: false,
      open311Keys: new Set([TEST_OPEN311_KEY]),
      mailQueued: () => {},
      ...appeals,
    },
    planning: { uploadDir: mkdtempSync(join(tmpdir(), 'hromada-layer-uploads-')), maxUploadBytes: 64 * 1024 * 1024 },
    documents: { store: new DocumentStore(mkdtempSync(join(tmpdir(), 'hromada-documents-'))), maxBytes: DEFAULT_MAX_DOCUMENT_MB * 1024 * 1024 },
    layerExports: new LayerExportStore(mkdtempSync(join(tmpdir(), 'hromada-exports-'))),
    demoMode: true,
    demoData: () => 'ready',
    // A 500 in a test says why in the test's output.
    log: (msg, fields) => {
      if (fields?.level === 'error') console.error(msg, fields)
    },
  }
}

/**
 * The real app over the test database, with a fresh tile service (empty cache). Every answer of
 * a route the API contract describes is checked against it: a broken one fails the request.
 */
export async function makeApp(database: Database, appeals: Partial<AppealDeps> = {}, options: AppOptions = {}): Promise<TestApp> {
  const tiles = await TileService.create(database.db)
  return { app: checkedAgainstContract(createApp(testAppDeps(database, tiles, appeals), options)), tiles }
}

/**
 * The real app listening on a free port of 127.0.0.1, its links pointing at that origin, for
 * clients that speak HTTP themselves (GDAL, QGIS's readers, browsers).
 */
export async function serveForTests(database: Database): Promise<{ origin: string; close: () => Promise<void> }> {
  let origin = 'http://127.0.0.1'
  const { app } = await makeApp(database, {}, { origin: { listenOrigin: () => origin } })
  const server = createServer(getRequestListener(app.fetch))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    origin,
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

/** A layer id no other test uses, e.g. `test-api-3f9a1c0b`; it matches the layers' id check. */
export function uniqueLayerId(prefix = 'test-api'): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`
}

/** A small public point layer of Kyiv; override what the test needs. */
export function testLayerDefinition(id: string, overrides: Partial<LayerDefinition> = {}): LayerDefinition {
  return {
    id,
    city: 'kyiv',
    theme: 'social',
    title: { uk: `Тестовий шар ${id}`, en: `Test layer ${id}` },
    description: { uk: 'Шар для тестів', en: 'A layer for tests' },
    geometryType: 'point',
    attributes: [{ name: 'name', type: 'string', label: { uk: 'Назва', en: 'Name' }, public: true }],
    style: { color: '#e53935' },
    minzoom: 0,
    maxzoom: 16,
    licence: 'CC-BY-4.0',
    attribution: 'Hromada Map tests',
    ...overrides,
  }
}

/** One feature to insert: GeoJSON geometry in lon/lat and its stored properties. */
export interface TestFeature {
  geometry: Geometry
  properties: Record<string, unknown>
}

/**
 * Inserts a layer row and its features straight into the tables (not through the importer)
 * and sets its feature count and extent the way an import does.
 */
export async function createTestLayer(db: Kysely<DB>, def: LayerDefinition, features: TestFeature[] = []): Promise<void> {
  await db.transaction().execute((trx) => saveLayerDefinition(trx, def))
  if (features.length > 0) await insertTestFeatures(db, def.id, features)
}

/** Adds features to a test layer in one statement (one version bump) and refreshes its stats. */
export async function insertTestFeatures(db: Kysely<DB>, layerId: string, features: TestFeature[]): Promise<void> {
  const rows = JSON.stringify(features.map((f) => ({ p: f.properties, g: f.geometry })))
  await sql`
    INSERT INTO features (layer_id, properties, geom)
    SELECT ${layerId}, f->'p', ST_SetSRID(ST_GeomFromGeoJSON((f->'g')::text), 4326)
      FROM jsonb_array_elements(${rows}::jsonb) AS f`.execute(db)
  await sql`
    UPDATE layers SET feature_count = s.n,
           bbox = ARRAY[ST_XMin(s.e), ST_YMin(s.e), ST_XMax(s.e), ST_YMax(s.e)]
      FROM (SELECT count(*)::int AS n, ST_Extent(geom)::geometry AS e FROM features WHERE layer_id = ${layerId}) s
     WHERE id = ${layerId}`.execute(db)
}

/** Deletes test layers (their features go with them). Audit rows stay: the log is append-only. */
export async function dropTestLayers(db: Kysely<DB>, ...ids: string[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('layers').where('id', 'in', ids).execute()
}

/** The current version of a layer, read from the database. */
export async function layerVersion(db: Kysely<DB>, id: string): Promise<number> {
  const row = await db.selectFrom('layers').select('version').where('id', '=', id).executeTakeFirstOrThrow()
  return Number(row.version)
}

/** A response body as bytes, decompressed by its Content-Encoding (`app.request` does not). */
export async function bodyBytes(res: Response): Promise<Uint8Array> {
  const raw = Buffer.from(await res.arrayBuffer())
  const coding = res.headers.get('Content-Encoding')
  if (coding === 'gzip') return gunzipSync(raw)
  if (coding === 'br') return brotliDecompressSync(raw)
  return raw
}

/** A response body as text, decompressed by its Content-Encoding. */
export async function bodyText(res: Response): Promise<string> {
  return Buffer.from(await bodyBytes(res)).toString('utf8')
}

/** Decodes an MVT body. */
export function decodeTile(bytes: Uint8Array): VectorTile {
  return new VectorTile(new PbfReader(bytes))
}

/** Every feature's properties in one layer of a decoded tile; empty when the layer is absent. */
export function tileProperties(tile: VectorTile, layerName: string): Array<Record<string, string | number | boolean>> {
  const layer = tile.layers[layerName]
  if (!layer) return []
  return Array.from({ length: layer.length }, (_, i) => layer.feature(i).properties)
}

/** Asserts an RFC 9457 problem response: status, media type and the members every problem has. */
export async function expectProblem(res: Response, status: number): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toMatch(/^application\/problem\+json/)
  const body = (await res.json()) as Record<string, unknown>
  expect(body).toMatchObject({
    type: expect.stringMatching(/^\/problems\/[a-z-]+$/),
    title: expect.any(String),
    status,
    detail: expect.any(String),
    instance: expect.any(String),
  })
  return body
}

/**
 * Runs `attempt` so that it starts and ends within one fixed rate-limit window of
 * `windowSeconds`: a run that straddles two windows (its count reset halfway) is run again,
 * once. `attempt` must use a fresh bucket (a new client address) each time.
 */
export async function inOneRateWindow<T>(db: Kysely<DB>, windowSeconds: number, attempt: () => Promise<T>): Promise<T> {
  const window = async () => (await sql<{ w: number }>`SELECT floor(extract(epoch FROM now()) / ${windowSeconds})::int AS w`.execute(db)).rows[0]!.w
  const started = await window()
  try {
    const result = await attempt()
    if ((await window()) === started) return result
  } catch (err) {
    // An assertion that failed because the window turned mid-run says nothing: run again.
    if ((await window()) === started) throw err
  }
  return attempt()
}
