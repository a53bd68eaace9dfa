import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from './app-env.ts'

/** Liveness and readiness: 200 once the database answers, 503 when it does not. */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
  c.header('Cache-Control', 'no-store')
  try {
    await sql`SELECT 1`.execute(c.var.db)
  } catch {
    return c.json({ status: 'unavailable', database: c.var.engine }, 503)
  }
  return c.json({
    status: 'ok',
    database: c.var.engine,
    postgis: c.var.postgis,
    tile_encoder: c.var.tiles.source.encoder,
    demo_data: c.var.demoData(),
  })
})
