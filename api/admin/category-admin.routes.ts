import { Hono } from 'hono'
import { type AppEnv, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { createCategory, listAdminCategories, updateCategory } from './category-admin.queries.ts'
import { CategoryCreateBody, CategoryParams, CategoryPatchBody } from './category-admin.schemas.ts'

/**
 * The appeal categories: `/api/admin/categories`. There is no DELETE: appeals keep their
 * category forever, so a category is retired with `active: false`.
 */
export const categoryAdminRoutes = new Hono<AppEnv>()
  .get('/', allow('appeals:configure'), async (c) => {
    c.header('Cache-Control', 'private, no-store')
    return c.json(await listAdminCategories(c.var.db))
  })
  .post('/', allow('appeals:configure'), zv('json', CategoryCreateBody), async (c) => {
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    return c.json(await c.var.db.transaction().execute((trx) => createCategory(trx, actor, body)), 201)
  })
  .patch('/:id', allow('appeals:configure'), zv('param', CategoryParams), zv('json', CategoryPatchBody), async (c) => {
    const { id } = c.req.valid('param')
    const actor = actorOf(signedIn(c.var.user))
    const body = c.req.valid('json')
    const category = await c.var.db.transaction().execute((trx) => updateCategory(trx, actor, id, body))
    if (!category) throw problems.notFound('category', id)
    return c.json(category)
  })
