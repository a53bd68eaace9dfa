import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { secureHeaders } from 'hono/secure-headers'
import type { AppDeps, AppEnv } from './app-env.ts'
import { appealCategoryRoutes, appealRoutes } from './appeals/appeal.routes.ts'
import { accountRoutes } from './auth/account.routes.ts'
import { adminRoutes } from './admin/admin.routes.ts'
import { auditRoutes } from './audit/audit.routes.ts'
import { authRoutes } from './auth/auth.routes.ts'
import { sessionMiddleware } from './auth/session.ts'
import { subscriptionRoutes } from './appeals/subscription.routes.ts'
import { addressRoutes } from './cities/address.routes.ts'
import { cityRoutes } from './cities/city.routes.ts'
import { deputyRoutes } from './deputies/deputy.routes.ts'
import { healthRoutes } from './health.routes.ts'
import { layerRoutes } from './layers/layer.routes.ts'
import { officeRoutes } from './office/office.routes.ts'
import { open311Routes } from './open311/open311.routes.ts'
import { notFoundHandler, problemHandler } from './problems.ts'
import { statsRoutes } from './stats/stats.routes.ts'
import { staticFiles } from './static-files.ts'
import { styleRoutes, tileRoutes } from './tiles/tile.routes.ts'

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Folder of the built web app (`dist/web`); unset serves the API only. */
  webRoot?: string | undefined
  /** Public origin (e.g. `https://map.example.ua`) for absolute URLs; default: from the request. */
  publicUrl?: string | undefined
}

/** The origin the client used, honouring a reverse proxy's X-Forwarded-* headers. */
function requestOrigin(url: string, forwardedProto?: string, forwardedHost?: string): string {
  const u = new URL(url)
  const proto = forwardedProto?.split(',')[0]?.trim() || u.protocol.slice(0, -1)
  const host = forwardedHost?.split(',')[0]?.trim() || u.host
  return `${proto}://${host}`
}

/**
 * The whole HTTP application: API, tiles, styles and the web app, with one error handler.
 * Everything it needs comes in `deps`; it keeps no state of its own beyond the tile caches.
 */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>()
  app.onError(problemHandler(deps.log))
  app.notFound(notFoundHandler)
  app.use(
    secureHeaders({
      crossOriginResourcePolicy: 'cross-origin',
      // The map runs on its own origin only; MapLibre needs blob: workers and images.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        childSrc: ['blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
      },
    }),
  )
  app.use(async function appContext(c, next) {
    for (const [key, value] of Object.entries(deps)) c.set(key as keyof AppDeps, value as never)
    c.set('baseUrl', options.publicUrl ?? requestOrigin(c.req.url, c.req.header('X-Forwarded-Proto'), c.req.header('X-Forwarded-Host')))
    await next()
  })
  app.use('/api/*', compress())
  app.use('/api/*', sessionMiddleware)
  app.use('/styles/*', compress())
  app.route('/api/health', healthRoutes)
  app.route('/api/auth', authRoutes)
  app.route('/api/account', accountRoutes)
  app.route('/api/office', officeRoutes)
  app.route('/api/admin', adminRoutes)
  app.route('/api/audit', auditRoutes)
  app.route('/api/stats', statsRoutes)
  app.route('/api/deputies', deputyRoutes)
  app.route('/api/cities', cityRoutes)
  app.route('/api/addresses', addressRoutes)
  app.route('/api/layers', layerRoutes)
  app.route('/api/appeals', appealRoutes)
  app.route('/api/appeal-categories', appealCategoryRoutes)
  app.route('/api/appeal-subscriptions', subscriptionRoutes)
  app.route('/open311/v2', open311Routes)
  app.route('/tiles', tileRoutes)
  app.route('/styles', styleRoutes)
  if (options.webRoot) app.use('*', staticFiles(options.webRoot))
  return app
}

/** The application type, for typed clients. */
export type App = ReturnType<typeof createApp>
