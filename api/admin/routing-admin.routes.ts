import { Hono } from 'hono'
import { type AppEnv, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { NumericIdParams } from './admin.schemas.ts'
import { createRoutingRule, deleteRoutingRule, listRoutingRules, previewRouting, updateRoutingRule } from './routing-admin.queries.ts'
import { RoutingPreviewQuery, RoutingRuleCreateBody, RoutingRuleListQuery, RoutingRulePatchBody } from './routing-admin.schemas.ts'

/** Explicit routing of new appeals, category × district → organisation: `/api/admin/routing-rules`. */
export const routingAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('appeals:configure'), zv('query', RoutingRuleListQuery), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(await listRoutingRules(c.var.db, c.req.valid('query').city))
  })
  .get('/preview', allow('appeals:configure'), zv('query', RoutingPreviewQuery), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(await previewRouting(c.var.db, c.req.valid('query')))
  })
  .post('/', allow('appeals:configure'), zv('json', RoutingRuleCreateBody), async (c) => {
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    return c.json(await c.var.db.transaction().execute((trx) => createRoutingRule(trx, actor, body)), 201)
  })
  .patch('/:id', allow('appeals:configure'), zv('param', NumericIdParams), zv('json', RoutingRulePatchBody), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const { organisation } = c.req.valid('json')
    const rule = await c.var.db.transaction().execute((trx) => updateRoutingRule(trx, actor, id, organisation))
    if (!rule) throw problems.notFound('routing rule', String(id))
    return c.json(rule)
  })
  .delete('/:id', allow('appeals:configure'), zv('param', NumericIdParams), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const deleted = await c.var.db.transaction().execute((trx) => deleteRoutingRule(trx, actor, id))
    if (!deleted) throw problems.notFound('routing rule', String(id))
    return c.body(null, 204)
  })
