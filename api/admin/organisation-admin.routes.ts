import { Hono } from 'hono'
import {
  AdminOrganisation,
  AdminOrganisationDetail,
  AdminOrganisationPage,
  createOrganisationRoute,
  deleteOrganisationRoute,
  getOrganisationRoute,
  listOrganisationsRoute,
  updateOrganisationRoute,
} from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { toAdminOrganisation } from './admin.dto.ts'
import { createOrganisation, deleteOrganisation, findAdminOrganisation, listAdminOrganisations, organisationMembers, updateOrganisation } from './organisation-admin.queries.ts'

/** Departments, communal enterprises, district administrations and services: `/api/admin/organisations`, as `api/contract/admin.ts` describes them. */
export const organisationAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('users:manage'), zv('query', listOrganisationsRoute.request.query), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    const { total, items } = await listAdminOrganisations(c.var.db, c.req.valid('query').city)
    return c.json(contractBody(AdminOrganisationPage, { total, items: items.map(toAdminOrganisation) }))
  })
  .get('/:id', allow('users:manage'), zv('param', getOrganisationRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const organisation = await findAdminOrganisation(c.var.db, id)
    if (!organisation) throw problems.notFound('organisation', id)
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(AdminOrganisationDetail, { ...toAdminOrganisation(organisation), members: await organisationMembers(c.var.db, id) }))
  })
  .post('/', allow('users:manage'), zv('json', createOrganisationRoute.request.body.json), async (c) => {
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const organisation = await c.var.db.transaction().execute((trx) => createOrganisation(trx, actor, body))
    return c.json(contractBody(AdminOrganisation, toAdminOrganisation(organisation)), 201)
  })
  .patch('/:id', allow('users:manage'), zv('param', updateOrganisationRoute.request.params), zv('json', updateOrganisationRoute.request.body.json), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const organisation = await c.var.db.transaction().execute((trx) => updateOrganisation(trx, actor, id, body))
    if (!organisation) throw problems.notFound('organisation', id)
    return c.json(contractBody(AdminOrganisation, toAdminOrganisation(organisation)))
  })
  .delete('/:id', allow('users:manage'), zv('param', deleteOrganisationRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const deleted = await c.var.db.transaction().execute((trx) => deleteOrganisation(trx, actor, id))
    if (!deleted) throw problems.notFound('organisation', id)
    return c.body(null, 204)
  })
