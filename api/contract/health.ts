import { z } from 'zod'
import { apiRoute } from './route.ts'

const DatabaseEngine = z.enum(['embedded', 'postgres'])

/** The service answers: `degraded` when photos cannot be stored (reads still work). */
export const HealthReady = z
  .object({
    status: z.enum(['ok', 'degraded']),
    database: DatabaseEngine,
    postgis: z.string().meta({ description: 'PostGIS version.' }),
    tile_encoder: z.enum(['postgis', 'js']),
    demo_data: z.enum(['absent', 'loading', 'ready', 'failed']),
    photo_store: z.enum(['ok', 'full', 'unwritable']),
  })
  .meta({ id: 'Health' })

/** The database does not answer. */
export const HealthUnavailable = z
  .object({ status: z.literal('unavailable'), database: z.literal('unreachable'), engine: DatabaseEngine })
  .meta({ id: 'HealthUnavailable' })

export const healthRoute = apiRoute({
  method: 'get',
  path: '/api/health',
  summary: 'Liveness and readiness',
  tags: ['operations'],
  responses: {
    200: { description: 'The service answers.', schema: HealthReady },
    503: { description: 'The database does not answer within 2 s.', schema: HealthUnavailable },
  },
})

/** The routes of `/api/health`. */
export const HEALTH_ROUTES = [healthRoute]
