import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from './app-env.ts'

/** How long health waits for the database before it reports it unreachable. */
const DATABASE_TIMEOUT_MS = 2000

/** Whether the database answers within {@link DATABASE_TIMEOUT_MS}. */
async function databaseAnswers(db: AppEnv['Variables']['db']): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, DATABASE_TIMEOUT_MS, false)))
  try {
    return await Promise.race([sql`SELECT 1`.execute(db).then(() => true), timeout])
  } catch {
    // The answer to "does it answer?" is no; the cause is the pool's to log.
    return false
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Liveness and readiness. 503 `unavailable` when the database does not answer within 2 s;
 * otherwise 200, `ok`, or `degraded` when photos cannot be stored (reads still work).
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  c.header('Cache-Control', 'no-store')
  const [database, photoStore] = await Promise.all([databaseAnswers(c.var.db), c.var.appeals.store.probe()])
  if (!database) return c.json({ status: 'unavailable', database: 'unreachable', engine: c.var.engine }, 503)
  return c.json({
    status: photoStore === 'ok' ? 'ok' : 'degraded',
    database: c.var.engine,
    postgis: c.var.postgis,
    tile_encoder: c.var.tiles.source.encoder,
    demo_data: c.var.demoData(),
    photo_store: photoStore,
  })
})
