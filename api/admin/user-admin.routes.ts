import { Hono } from 'hono'
import { getCookie } from 'hono/cookie'
import { digest, hashPassword, securityClient, SESSION_COOKIE } from '../auth/index.ts'
import { AdminUser, AdminUserPage, createUserRoute, deleteUserRoute, getUserRoute, listUsersRoute, updateUserRoute } from '../contract/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { type AppEnv, contractBody, numberedPageLinks, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { unprocessable } from './admin-problems.ts'
import { toAdminUser } from './admin.dto.ts'
import { createStaffUser, deleteStaffUser, findAdminUser, listAdminUsers, unknownOrganisations, updateStaffUser } from './user-admin.queries.ts'

/** Accounts and their roles: `/api/admin/users`, as `api/contract/admin-users.ts` describes them. */
export const userAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('users:manage'), zv('query', listUsersRoute.request.query), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    const query = c.req.valid('query')
    const { total, items } = await listAdminUsers(c.var.db, query)
    numberedPageLinks(c, query.page, query.limit, total)
    return c.json(contractBody(AdminUserPage, { total, items: items.map(toAdminUser) }))
  })
  .get('/:id', allow('users:manage'), zv('param', getUserRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const user = await findAdminUser(c.var.db, id)
    if (!user) throw problems.notFound('user', String(id))
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(AdminUser, toAdminUser(user)))
  })
  .post('/', allow('users:manage'), zv('json', createUserRoute.request.body.json), async (c) => {
    const body = c.req.valid('json')
    const errors = await unknownOrganisations(c.var.db, body.roles)
    if (errors.length) throw unprocessable(errors)
    // Hashing takes a tenth of a second or more: done before the transaction opens.
    const hash = body.password ? await hashPassword(body.password) : null
    const actor = actorOf(signedIn(c.var.user))
    const user = await c.var.db.transaction().execute((trx) => createStaffUser(trx, actor, body, hash, securityClient(c)))
    return c.json(contractBody(AdminUser, toAdminUser(user)), 201)
  })
  .patch('/:id', allow('users:manage'), zv('param', updateUserRoute.request.params), zv('json', updateUserRoute.request.body.json), async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const errors = body.roles ? await unknownOrganisations(c.var.db, body.roles) : []
    if (errors.length) throw unprocessable(errors)
    const passwordHash = body.password ? await hashPassword(body.password) : undefined
    const session = getCookie(c, SESSION_COOKIE)
    const change = { name: body.name, roles: body.roles, passwordHash, keepSession: session ? digest(session) : undefined }
    const actor = actorOf(signedIn(c.var.user))
    const user = await c.var.db.transaction().execute((trx) => updateStaffUser(trx, actor, id, change, securityClient(c)))
    if (!user) throw problems.notFound('user', String(id))
    return c.json(contractBody(AdminUser, toAdminUser(user)))
  })
  .delete('/:id', allow('users:manage'), zv('param', deleteUserRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const admin = signedIn(c.var.user)
    const deleted = await c.var.db.transaction().execute((trx) => deleteStaffUser(trx, admin.id, actorOf(admin), id))
    if (!deleted) throw problems.notFound('user', String(id))
    return c.body(null, 204)
  })
