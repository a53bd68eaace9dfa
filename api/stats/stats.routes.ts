import { Hono, type Context } from 'hono'
import type { SessionUser } from '../http/index.ts'
import { InternalStats, InternalStatsQuery, PublicStats, PublicStatsQuery } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { actsFor, allow, signedIn } from '../permissions/index.ts'
import { internalAppealStats, type OrganisationScope } from './internal-stats.queries.ts'
import { publicAppealStats } from './public-stats.queries.ts'
import { internalStatsCsv, publicStatsCsv } from './stats-csv.ts'
import { unknownStatsFilters } from './stats-filters.ts'

/** Figures change with every appeal, but a minute old is fresh enough for a dashboard. */
const PUBLIC_MAX_AGE = 60

async function requireKnownFilters(c: Context<AppEnv>, q: Parameters<typeof unknownStatsFilters>[1]): Promise<void> {
  const errors = await unknownStatsFilters(c.var.db, q)
  if (errors.length) throw problems.invalid(`Unknown ${errors.map((e) => e.field).join(', ')}`, errors)
}

/**
 * Moderators and administrators see every organisation (they work across them); anyone else
 * only their own.
 */
function organisationScope(user: SessionUser): OrganisationScope {
  return actsFor(user, null) ? { kind: 'all' } : { kind: 'organisation', id: user.organisation }
}

function csvResponse(c: Context<AppEnv>, body: string, name: string) {
  return c.body(body, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}.csv"`,
  })
}

/**
 * Appeal statistics: public figures per city, and internal figures per organisation and
 * executor; each route as its contract in `api/contract/stats.ts` says. The query is the
 * route's own, with the window's defaults filled in.
 */
export const statsRoutes = new Hono<AppEnv>()
  .get('/appeals', zv('query', PublicStatsQuery), async (c) => {
    const q = c.req.valid('query')
    await requireKnownFilters(c, q)
    const stats = await publicAppealStats(c.var.db, q)
    c.header('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE}`)
    if (q.format === 'csv') {
      c.header('X-Licence', stats.licence)
      return csvResponse(c, publicStatsCsv(stats), `appeal-stats-${q.city}-${q.from}-${q.to}`)
    }
    return c.json(contractBody(PublicStats, stats))
  })
  .get('/internal', allow('stats:internal'), zv('query', InternalStatsQuery), async (c) => {
    const q = c.req.valid('query')
    await requireKnownFilters(c, q)
    const stats = await internalAppealStats(c.var.db, q, organisationScope(signedIn(c.var.user)))
    c.header('Cache-Control', 'private, no-store')
    if (q.format === 'csv') return csvResponse(c, internalStatsCsv(stats), `appeal-work-${q.city}-${q.from}-${q.to}`)
    return c.json(contractBody(InternalStats, stats))
  })
