import { Hono } from 'hono'
import { HealthReady, HealthUnavailable } from './contract/index.ts'
import { contractBody, type AppEnv, type Log } from './http/index.ts'
import { pingDatabase } from './health.queries.ts'

/** How long health waits for the database before it reports it unreachable. */
const DATABASE_TIMEOUT_MS = 2000

/** Whether the database answers within {@link DATABASE_TIMEOUT_MS}; a failure is logged to `log`. */
async function databaseAnswers(db: AppEnv['Variables']['db'], log: Log): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(resolve, DATABASE_TIMEOUT_MS, false)))
  try {
    return await Promise.race([pingDatabase(db).then(() => true), timeout])
  } catch (err) {
    // The answer to "does it answer?" is no; the log says why, for whoever reads the 503.
    log('health: the database did not answer', { level: 'warn', error: (err as Error).message })
    return false
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Liveness and readiness. 503 `unavailable` when the database does not answer within 2 s;
 * otherwise 200, `ok`, or `degraded` when photos cannot be stored (reads still work).
 * Its contract: `healthRoute` of `api/contract/health.ts`.
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  c.header('Cache-Control', 'no-store')
  const [database, photoStore] = await Promise.all([databaseAnswers(c.var.db, c.var.log), c.var.appeals.store.probe()])
  if (!database) return c.json(contractBody(HealthUnavailable, { status: 'unavailable', database: 'unreachable', engine: c.var.engine }), 503)
  return c.json(contractBody(HealthReady, {
    status: photoStore === 'ok' ? 'ok' : 'degraded',
    database: c.var.engine,
    postgis: c.var.postgis,
    tile_encoder: c.var.tiles.source.encoder,
    demo_data: c.var.demoData(),
    photo_store: photoStore,
  }))
})
