/**
 * A backup restored into an empty database and an empty photo folder gives back every row of
 * every table and every photo; a backup with a changed file, or a target that holds data, is
 * refused before anything is touched. Runs on the engine of the run: the embedded one (a data
 * folder of its own for the source and the target), or the PostgreSQL at DATABASE_URL (a fresh
 * database of its own for each).
 */
import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { appealBody, jpegWithGps, postMultipart } from '../../api/appeals/testing.ts'
import { DiskPhotoStore, prepareAppeals } from '../../api/appeals/index.ts'
import { createTestLayer, makeApp, testLayerDefinition, uniqueLayerId } from '../../api/testing.ts'
import { type Database, type DB, openDatabase } from '../index.ts'
import { backupInstallation, BackupRefused, restoreInstallation, type BackupManifest } from './index.ts'

const engine = inject('databaseEngine')
const serverUrl = engine === 'postgres' ? inject('databaseUrl') : undefined
const work = mkdtempSync(join(tmpdir(), 'hromada-backup-'))
const createdDatabases: string[] = []

/** Where an installation keeps its state: a database (embedded: in `dataDir`) and `dataDir/uploads`. */
interface Installation {
  dataDir: string
  databaseUrl: string | undefined
}

/** A new, empty installation: a fresh data folder and, on PostgreSQL, a fresh empty database. */
async function emptyInstallation(name: string): Promise<Installation> {
  const dataDir = join(work, name)
  if (!serverUrl) return { dataDir, databaseUrl: undefined }
  const database = `hromada_backup_${name}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${database}`)
  } finally {
    await admin.end()
  }
  createdDatabases.push(database)
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return { dataDir, databaseUrl: url.toString() }
}

function openInstallation(at: Installation, migrate = true): Promise<Database> {
  return openDatabase({ databaseUrl: at.databaseUrl, dataDir: at.dataDir, poolSize: 2, migrate })
}

/** Every table of the public schema (partitions included) with its row count and a digest of all its rows; and every sequence's state. */
async function tableDigests(db: Kysely<DB>): Promise<Record<string, string>> {
  const relations = await sql<{ name: string; kind: string }>`
    SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'S') ORDER BY c.relname`.execute(db)
  const digests: Record<string, string> = {}
  for (const { name, kind } of relations.rows) {
    const row = kind === 'S'
      ? await sql<{ d: string }>`SELECT last_value::text || ' ' || is_called::text AS d FROM ${sql.table(name)}`.execute(db)
      : await sql<{ d: string }>`SELECT count(*)::text || ' ' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '-') AS d FROM ${sql.table(name)} t`.execute(db)
    digests[name] = row.rows[0]!.d
  }
  return digests
}

/** SHA-256 of every committed photo file of an installation, by file name. */
function photoDigests(dataDir: string): Record<string, string> {
  const dir = join(dataDir, 'uploads', 'photos')
  if (!existsSync(dir)) return {}
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]))
}

const log = () => {}
let source: Installation
let backupDir: string
let manifest: BackupManifest
let sourceTables: Record<string, string>
let sourcePhotos: Record<string, string>
/** The installation the round trip restored into. */
let restored: Installation | undefined

beforeAll(async () => {
  source = await emptyInstallation('source')
  const database = await openInstallation(source)
  try {
    // Kyiv without a boundary (every point is inside), ready for appeals as the server makes it.
    await sql`INSERT INTO cities (id, code, name, center, zoom)
              VALUES ('kyiv', 'KY', ${JSON.stringify({ uk: 'Київ', en: 'Kyiv' })}, ST_SetSRID(ST_MakePoint(30.52, 50.45), 4326), 11)`.execute(database.db)
    await prepareAppeals(database.db)
    // Layers made at run time get tables of their own (features_<layer>): the dump must hold them.
    for (const n of [0, 1]) {
      await createTestLayer(database.db, testLayerDefinition(uniqueLayerId('backup')), [
        { geometry: { type: 'Point', coordinates: [30.5 + n / 100, 50.45] }, properties: { name: `Точка ${n}` } },
        { geometry: { type: 'LineString', coordinates: [[30.5, 50.4], [30.6, 50.5]] }, properties: { name: `Лінія ${n}` } },
      ])
    }
    const { app } = await makeApp(database, { store: new DiskPhotoStore(join(source.dataDir, 'uploads')) })
    const photo = { name: 'yama.jpg', type: 'image/jpeg', bytes: await jpegWithGps(320, 240) }
    for (let i = 0; i < 3; i++) {
      const body = appealBody()
      const fields = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)]))
      const res = await postMultipart(app, fields, i === 2 ? [photo] : [photo, photo])
      expect(res.status).toBe(201)
    }
    sourceTables = await tableDigests(database.db)
  } finally {
    await database.close()
  }
  sourcePhotos = photoDigests(source.dataDir)
  backupDir = join(work, 'backup')
  manifest = await backupInstallation(backupDir, { ...source, log })
}, 180_000)

afterAll(async () => {
  rmSync(work, { recursive: true, force: true })
  if (!serverUrl || createdDatabases.length === 0) return
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  for (const name of createdDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.end()
})

describe(`backup and restore (${engine} engine)`, () => {
  it('writes a manifest listing every file with its size and SHA-256, the engine, the schema version and the time', () => {
    expect(manifest.engine).toBe(engine)
    expect(manifest.schema_version).toBe(readdirSync(new URL('../migrations/', import.meta.url)).sort().at(-1))
    expect(manifest.app_version).toMatch(/^\d+\.\d+\.\d+/)
    expect(Date.parse(manifest.created_at)).toBeGreaterThan(Date.now() - 10 * 60_000)
    const files = Object.fromEntries(manifest.files.map((f) => [f.path, f]))
    expect(sourceTables.appeals).toMatch(/^3 /)
    expect(sourceTables.appeal_photos).toMatch(/^5 /)
    expect(Object.keys(sourcePhotos)).toHaveLength(5 * 2) // five photos, each with its thumbnail
    for (const [name, sha256] of Object.entries(sourcePhotos)) expect(files[`photos/${name}`]).toMatchObject({ sha256 })
    expect(manifest.files).toHaveLength(Object.keys(sourcePhotos).length + 1)
    for (const f of manifest.files) {
      const bytes = readFileSync(join(backupDir, f.path))
      expect({ path: f.path, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') }).toEqual(f)
    }
    expect(JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8'))).toEqual(manifest)
  })

  it('restores into an empty database and photo folder every row of every table and every photo', async () => {
    const target = await emptyInstallation('target')
    restored = target
    await restoreInstallation(backupDir, { ...target, force: false, log })
    const database = await openInstallation(target, false)
    try {
      const restored = await tableDigests(database.db)
      expect(Object.keys(restored).filter((t) => t.startsWith('features_backup_'))).toHaveLength(2)
      expect(restored).toEqual(sourceTables)
    } finally {
      await database.close()
    }
    expect(photoDigests(target.dataDir)).toEqual(sourcePhotos)
    // Restoring again over what is now a full installation is refused.
    await expect(restoreInstallation(backupDir, { ...target, force: false, log })).rejects.toThrow(/not empty.*--force/)
  })

  it('replaces an installation that holds data when forced, leaving none of its tables', async () => {
    const target = restored ?? expect.fail('the round trip restored nothing')
    const database = await openInstallation(target, false)
    const extra = uniqueLayerId('extra')
    try {
      await createTestLayer(database.db, testLayerDefinition(extra), [{ geometry: { type: 'Point', coordinates: [30.5, 50.45] }, properties: { name: 'зайва' } }])
    } finally {
      await database.close()
    }
    writeFileSync(join(target.dataDir, 'uploads', 'photos', '00000000-0000-4000-8000-000000000000.jpg'), 'stray')
    await restoreInstallation(backupDir, { ...target, force: true, log })
    const reopened = await openInstallation(target, false)
    try {
      expect(await tableDigests(reopened.db)).toEqual(sourceTables)
    } finally {
      await reopened.close()
    }
    expect(photoDigests(target.dataDir)).toEqual(sourcePhotos)
  })

  it('refuses a backup with a changed file, naming it, and changes nothing', async () => {
    const tampered = join(work, 'tampered')
    cpSync(backupDir, tampered, { recursive: true })
    const victim = manifest.files.find((f) => f.path.startsWith('photos/'))!.path
    const bytes = readFileSync(join(tampered, victim))
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 0xff, bytes.length - 3)
    writeFileSync(join(tampered, victim), bytes)
    const target = await emptyInstallation('tampered_target')
    const refusal = restoreInstallation(tampered, { ...target, force: true, log })
    await expect(refusal).rejects.toThrow(BackupRefused)
    await expect(refusal).rejects.toThrow(`${victim}: its SHA-256 differs from the manifest's`)
    expect(existsSync(target.dataDir) ? readdirSync(target.dataDir) : []).toEqual([])
    if (target.databaseUrl) {
      // Not even PostGIS was created: the database is as CREATE DATABASE made it.
      const client = new pg.Client({ connectionString: target.databaseUrl })
      await client.connect()
      try {
        const { rows } = await client.query(`SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`)
        expect(rows).toEqual([])
      } finally {
        await client.end()
      }
    }
  })

  it.skipIf(engine !== 'embedded')('refuses to back up the embedded database while a server has it open', async () => {
    const database = await openInstallation(source, false)
    try {
      await expect(backupInstallation(join(work, 'while-running'), { ...source, log })).rejects.toThrow(/in use by process \d+: stop the server first/)
    } finally {
      await database.close()
    }
  })
})
