import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import { type DB, lonLatPoint } from '../../db/index.ts'
import { formatImportReport, importLayer } from '../import/index.ts'
import type { DemoCity } from './demo-source.ts'
import { DEMO_CITIES, DEMO_DATA_DIR, DEMO_SOURCES } from './manifest.ts'

/** State of the demo data in `app_settings`. */
export type DemoDataState = 'absent' | 'loading' | 'ready'

const DEMO_KEY = 'demo_data'
// One loader at a time, across processes sharing the database.
const SEED_LOCK = 7_301_202_602

/** Whether the demo data is absent, being loaded, or complete. */
export async function demoDataState(db: Kysely<DB>): Promise<DemoDataState> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', DEMO_KEY).executeTakeFirst()
  return (row?.value as DemoDataState | undefined) ?? 'absent'
}

/** True when the database holds no city at all: a fresh installation. */
export async function isEmptyDatabase(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('cities').select('id').limit(1).executeTakeFirst()
  return !row
}

async function setState(db: Kysely<DB>, state: DemoDataState): Promise<void> {
  await db
    .insertInto('app_settings')
    .values({ key: DEMO_KEY, value: JSON.stringify(state) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(state), updated_at: sql`now()` }))
    .execute()
}

/**
 * Loads the demo catalogue: the four cities, every layer of the manifest, then each city's
 * boundary and districts derived from those layers. Resumable: a layer already present is
 * not imported again, so an interrupted load simply continues on the next start.
 * Throws when a demo file does not import cleanly (the vendored data is broken).
 */
export async function seedDemoData(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${SEED_LOCK})`.execute(conn)
    try {
      if ((await demoDataState(conn)) === 'ready') return
      await setState(conn, 'loading')
      for (const city of DEMO_CITIES) await insertCity(conn, city)
      const present = new Set((await conn.selectFrom('layers').select('id').execute()).map((r) => r.id))
      for (const [i, source] of DEMO_SOURCES.entries()) {
        if (present.has(source.layer.id)) continue
        const started = Date.now()
        const report = await importLayer(conn, {
          file: fileURLToPath(new URL(source.file, DEMO_DATA_DIR)),
          layer: source.layer,
          properties: source.properties,
          keep: { geometry: source.geometry, ...(source.bbox && { bbox: source.bbox }), ...(source.where && { where: source.where }) },
          ...(source.csv && { csv: source.csv }),
          actor: 'demo-seed',
          // Real-world files hold a few unusable features (zero-length segments); load the rest.
          skipInvalid: true,
        })
        if (!report.committed) throw new Error(`demo data did not import:\n${formatImportReport(report)}`)
        const left = report.rejected.length + report.skipped.length
        log(
          `demo data ${i + 1}/${DEMO_SOURCES.length}: ${source.layer.id} — ${report.accepted} features` +
            `${left ? ` (${report.skipped.length} left out, ${report.rejected.length} unusable)` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        )
      }
      for (const city of DEMO_CITIES) await deriveCityAreas(conn, city)
      await setState(conn, 'ready')
      log('demo data: ready')
    } finally {
      await sql`SELECT pg_advisory_unlock(${SEED_LOCK})`.execute(conn)
    }
  })
}

async function insertCity(db: Kysely<DB>, city: DemoCity): Promise<void> {
  await db
    .insertInto('cities')
    .values({
      id: city.slug,
      code: city.code,
      name: JSON.stringify(city.name),
      center: lonLatPoint(city.center[0], city.center[1]),
      zoom: city.zoom,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute()
}

/** The city's boundary and districts from its layers, in one transaction. */
async function deriveCityAreas(db: Kysely<DB>, city: DemoCity): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const recipe = city.boundary
    const polygons = sql`ST_Multi(ST_CollectionExtract(ST_Union(geom), 3))`
    const boundary =
      recipe.kind === 'hull'
        ? sql`ST_Multi(ST_Buffer(ST_ConvexHull(ST_Collect(geom))::geography, ${recipe.bufferMeters}::float8)::geometry)`
        : polygons
    await sql`
      UPDATE cities SET boundary = (SELECT ${boundary} FROM features WHERE layer_id = ${recipe.layer}),
                        boundary_approximate = ${recipe.kind === 'hull'}
       WHERE id = ${city.slug}`.execute(trx)
    if (!city.districts) return
    await sql`
      INSERT INTO districts (city_id, name, geom)
      SELECT ${city.slug}, name, ${polygons}
        FROM (SELECT properties->>${city.districts.nameField} AS name, geom
                FROM features WHERE layer_id = ${city.districts.layer}) d
       WHERE name IS NOT NULL
       GROUP BY name
      ON CONFLICT (city_id, name) DO NOTHING`.execute(trx)
  })
}
