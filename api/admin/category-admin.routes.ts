import { Hono } from 'hono'
import { AdminCategory, AdminCategoryPage, createCategoryRoute, updateCategoryRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { createCategory, listAdminCategories, updateCategory } from './category-admin.queries.ts'

/**
 * The appeal categories: `/api/admin/categories`, as `api/contract/admin-categories.ts`
 * describes them. There is no DELETE: appeals keep their category forever, so a category is
 * retired with `active: false`.
 */
export const categoryAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('appeals:configure'), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(contractBody(AdminCategoryPage, await listAdminCategories(c.var.db)))
  })
  .post('/', allow('appeals:configure'), zv('json', createCategoryRoute.request.body.json), async (c) => {
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const category = await c.var.db.transaction().execute((trx) => createCategory(trx, actor, body))
    return c.json(contractBody(AdminCategory, category), 201)
  })
  .patch('/:id', allow('appeals:configure'), zv('param', updateCategoryRoute.request.params), zv('json', updateCategoryRoute.request.body.json), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const category = await c.var.db.transaction().execute((trx) => updateCategory(trx, actor, id, body))
    if (!category) throw problems.notFound('category', id)
    return c.json(contractBody(AdminCategory, category))
  })
