import { Hono } from 'hono'
import {
  createRoutingRuleRoute,
  deleteRoutingRuleRoute,
  listRoutingRulesRoute,
  previewRoutingRoute,
  RoutingPreview,
  RoutingRule,
  RoutingRulePage,
  updateRoutingRuleRoute,
} from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { createRoutingRule, deleteRoutingRule, listRoutingRules, previewRouting, updateRoutingRule } from './routing-admin.queries.ts'

/** Explicit routing of new appeals, category × district → organisation: `/api/admin/routing-rules`, as `api/contract/admin-routing.ts` describes it. */
export const routingAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('appeals:configure'), zv('query', listRoutingRulesRoute.request.query), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(RoutingRulePage, await listRoutingRules(c.var.db, c.req.valid('query').city)))
  })
  .get('/preview', allow('appeals:configure'), zv('query', previewRoutingRoute.request.query), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(RoutingPreview, await previewRouting(c.var.db, c.req.valid('query'))))
  })
  .post('/', allow('appeals:configure'), zv('json', createRoutingRuleRoute.request.body.json), async (c) => {
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const rule = await c.var.db.transaction().execute((trx) => createRoutingRule(trx, actor, body))
    return c.json(contractBody(RoutingRule, rule), 201)
  })
  .patch('/:id', allow('appeals:configure'), zv('param', updateRoutingRuleRoute.request.params), zv('json', updateRoutingRuleRoute.request.body.json), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const { organisation } = c.req.valid('json')
    const rule = await c.var.db.transaction().execute((trx) => updateRoutingRule(trx, actor, id, organisation))
    if (!rule) throw problems.notFound('routing rule', String(id))
    return c.json(contractBody(RoutingRule, rule))
  })
  .delete('/:id', allow('appeals:configure'), zv('param', deleteRoutingRuleRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const deleted = await c.var.db.transaction().execute((trx) => deleteRoutingRule(trx, actor, id))
    if (!deleted) throw problems.notFound('routing rule', String(id))
    return c.body(null, 204)
  })
