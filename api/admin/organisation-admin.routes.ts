import { Hono } from 'hono'
import { type AppEnv, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { createOrganisation, deleteOrganisation, findAdminOrganisation, listAdminOrganisations, organisationMembers, updateOrganisation } from './organisation-admin.queries.ts'
import { OrganisationCreateBody, OrganisationListQuery, OrganisationParams, OrganisationPatchBody } from './organisation-admin.schemas.ts'

/** Departments, communal enterprises, district administrations and services: `/api/admin/organisations`. */
export const organisationAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('users:manage'), zv('query', OrganisationListQuery), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(await listAdminOrganisations(c.var.db, c.req.valid('query').city))
  })
  .get('/:id', allow('users:manage'), zv('param', OrganisationParams), async (c) => {
    const { id } = c.req.valid('param')
    const organisation = await findAdminOrganisation(c.var.db, id)
    if (!organisation) throw problems.notFound('organisation', id)
    c.header('Cache-Control', 'private, no-store')
    return c.json({ ...organisation, members: await organisationMembers(c.var.db, id) })
  })
  .post('/', allow('users:manage'), zv('json', OrganisationCreateBody), async (c) => {
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    return c.json(await c.var.db.transaction().execute((trx) => createOrganisation(trx, actor, body)), 201)
  })
  .patch('/:id', allow('users:manage'), zv('param', OrganisationParams), zv('json', OrganisationPatchBody), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const organisation = await c.var.db.transaction().execute((trx) => updateOrganisation(trx, actor, id, body))
    if (!organisation) throw problems.notFound('organisation', id)
    return c.json(organisation)
  })
  .delete('/:id', allow('users:manage'), zv('param', OrganisationParams), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const deleted = await c.var.db.transaction().execute((trx) => deleteOrganisation(trx, actor, id))
    if (!deleted) throw problems.notFound('organisation', id)
    return c.body(null, 204)
  })
