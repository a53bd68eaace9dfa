import { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { type AppDeps, type AppEnv, compressed, notFoundHandler, type OriginPolicy, originVariesByRequest, problemHandler, problems, publicOriginOf, publicReadCors, requestGuard } from './http/index.ts'
import { appealCategoryRoutes, appealRoutes, subscriptionRoutes } from './appeals/index.ts'
import { accountRoutes, authRoutes, sessionMiddleware } from './auth/index.ts'
import { adminRoutes } from './admin/index.ts'
import { auditRoutes } from './audit/index.ts'
import { ballotCastRoute, budgetRoutes } from './budgets/index.ts'
import { catalogueRoutes, ckanRoutes, dataRoutes } from './catalogue/index.ts'
import { objectFileRoutes, propertyRoutes, registerRoutes } from './property/index.ts'
import { workRoutes } from './works/index.ts'
import { addressRoutes, cityRoutes } from './cities/index.ts'
import { searchRoutes } from './search/index.ts'
import { consultationRoutes } from './consultations/index.ts'
import { deputyRoutes } from './deputies/index.ts'
import { documentRoutes } from './documents/index.ts'
import { healthRoutes } from './health.routes.ts'
import { layerRoutes } from './layers/index.ts'
import { officeRoutes } from './office/index.ts'
import { ogcRoutes } from './ogc/index.ts'
import { openApiRoutes } from './openapi/index.ts'
import { layerAdminRoutes, layerUploadRoutes, managedLayerRoutes } from './planning/index.ts'
import { open311ErrorHandler, open311Routes } from './open311/index.ts'
import { statsRoutes } from './stats/index.ts'
import { staticFiles } from './static-files.ts'
import { basemapRoutes, glyphRoutes, styleRoutes, tileRoutes } from './tiles/index.ts'

/** Options of {@link createApp}. */
export interface AppOptions {
  /** Folder of the built web app (`dist/web`); unset serves the API only. */
  webRoot?: string | undefined
  /**
   * Where absolute URLs point (`PUBLIC_URL`, `TRUST_PROXY` + `PUBLIC_HOSTS`, else the listening
   * address); default: `http://localhost`, never a request header.
   */
  origin?: Omit<OriginPolicy, 'listenOrigin'> & { listenOrigin?: () => string }
}

const OPEN311_PATHS = /^\/open311(\/|$)/

/**
 * The whole HTTP application: API, tiles, styles and the web app, with one error handler.
 * Everything it needs comes in `deps`; it keeps no state of its own beyond the tile caches.
 */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>()
  const renderProblem = problemHandler(deps.log)
  app.onError(function renderError(err, c) {
    // Open311 clients read errors in GeoReport v2's own format, whoever raised them.
    if (!OPEN311_PATHS.test(c.req.path)) return renderProblem(err, c)
    try {
      return open311ErrorHandler(err, c)
    } catch {
      return renderProblem(err, c)
    }
  })
  app.notFound((c) => (OPEN311_PATHS.test(c.req.path) ? open311ErrorHandler(problems.notFound('resource', c.req.path), c) : notFoundHandler(c)))
  const origin: OriginPolicy = { listenOrigin: () => 'http://localhost', ...options.origin }
  const varyByOrigin = originVariesByRequest(origin)
  // An external basemap (HROMADA_BASEMAP_STYLE) widens the policy for its origin alone.
  const basemapOrigins = deps.basemap ? [deps.basemap.origin] : []
  app.use(
    secureHeaders({
      crossOriginResourcePolicy: 'cross-origin',
      // The map runs on its own origin only; MapLibre needs blob: workers and images.
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        connectSrc: ["'self'", ...basemapOrigins],
        imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigins],
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
    c.set('baseUrl', publicOriginOf(origin, (name) => c.req.header(name)))
    await next()
    if (varyByOrigin) c.res.headers.append('Vary', 'Host, X-Forwarded-Host, X-Forwarded-Proto')
  })
  app.use(requestGuard)
  app.use(publicReadCors)
  app.use('/api/*', compressed())
  // A ballot resolves its voter's session in the same database call that casts it, so it comes
  // before the session middleware, which would read the session in a call of its own.
  app.route('/api/budgets', ballotCastRoute)
  app.use('/api/*', sessionMiddleware)
  app.use('/styles/*', compressed())
  app.use('/open311/*', compressed())
  app.use('/ogc', compressed())
  app.use('/ogc/*', compressed())
  app.route('/api/health', healthRoutes)
  app.route('/api', openApiRoutes)
  app.route('/api/auth', authRoutes)
  app.route('/api/account', accountRoutes)
  app.route('/api/office', officeRoutes)
  app.route('/api/admin', adminRoutes)
  app.route('/api/audit', auditRoutes)
  app.route('/api/stats', statsRoutes)
  app.route('/api/deputies', deputyRoutes)
  app.route('/api/cities', cityRoutes)
  app.route('/api/addresses', addressRoutes)
  app.route('/api/search', searchRoutes)
  app.route('/api/catalogue', catalogueRoutes)
  app.route('/api/3/action', ckanRoutes)
  app.route('/data', dataRoutes)
  app.route('/api/layers', layerRoutes)
  app.route('/api/layers', layerAdminRoutes)
  app.route('/api/layers', documentRoutes)
  app.route('/api/layer-uploads', layerUploadRoutes)
  app.route('/api/planning', managedLayerRoutes)
  app.route('/api/consultations', consultationRoutes)
  app.route('/api/budgets', budgetRoutes)
  app.route('/api', propertyRoutes)
  app.route('/api', registerRoutes)
  app.route('/api', objectFileRoutes)
  app.route('/api/works', workRoutes)
  app.route('/api/appeals', appealRoutes)
  app.route('/api/appeal-categories', appealCategoryRoutes)
  app.route('/api/appeal-subscriptions', subscriptionRoutes)
  app.route('/open311/v2', open311Routes)
  app.route('/ogc', ogcRoutes)
  app.route('/tiles', tileRoutes)
  app.route('/styles', styleRoutes)
  app.route('/fonts', glyphRoutes)
  app.route('/', basemapRoutes)
  if (options.webRoot) app.use('*', staticFiles(options.webRoot))
  return app
}

/** The application type, for typed clients. */
export type App = ReturnType<typeof createApp>
