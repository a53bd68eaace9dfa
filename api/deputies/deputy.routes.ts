import { Hono } from 'hono'
import { findCity } from '../../layers/index.ts'
import { createDeputyRoute, deleteDeputyRoute, DeputyAt, deputyAtRoute, editDeputyRoute, listDeputiesRoute, PublicDeputy, PublicDeputyList } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { actorOf } from '../audit/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { createDeputy, editDeputy, removeDeputy } from './deputy-edits.ts'
import { toPublicDeputy } from './deputy.dto.ts'
import { findDeputyAt, listDeputies, type DeputyId } from './deputy.queries.ts'

/**
 * Deputies and their electoral districts: public lists and the lookup by point; administrators
 * add, edit and remove deputies (each change audited, the districts layer updated with it).
 * Each route as its contract in `api/contract/deputies.ts` says.
 */
export const deputyRoutes = new Hono<AppEnv>()
  .get('/', zv('query', listDeputiesRoute.request.query), async (c) => {
    const { city } = c.req.valid('query')
    if (!(await findCity(c.var.db, city))) throw problems.notFound('city', city)
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(PublicDeputyList, (await listDeputies(c.var.db, city)).map(toPublicDeputy)))
  })
  .get('/at', zv('query', deputyAtRoute.request.query), async (c) => {
    const { city, lon, lat } = c.req.valid('query')
    if (!(await findCity(c.var.db, city))) throw problems.notFound('city', city)
    const found = await findDeputyAt(c.var.db, city, lon, lat)
    if (!found) throw problems.notFound(`electoral district of ${city} at`, `${lon},${lat}`)
    c.header('Cache-Control', 'no-cache')
    return c.json(contractBody(DeputyAt, { district: found.district, deputy: found.deputy ? toPublicDeputy(found.deputy) : null }))
  })
  .post('/', allow('deputies:manage'), zv('json', createDeputyRoute.request.body.json), async (c) => {
    const row = await createDeputy(c.var.db, c.req.valid('json'), actorOf(signedIn(c.var.user)))
    c.header('Location', `/api/deputies/${row.id}`)
    return c.json(contractBody(PublicDeputy, toPublicDeputy(row)), 201)
  })
  .patch('/:id', allow('deputies:manage'), zv('param', editDeputyRoute.request.params), zv('json', editDeputyRoute.request.body.json), async (c) => {
    const id = c.req.valid('param').id as DeputyId
    return c.json(contractBody(PublicDeputy, toPublicDeputy(await editDeputy(c.var.db, id, c.req.valid('json'), actorOf(signedIn(c.var.user))))))
  })
  .delete('/:id', allow('deputies:manage'), zv('param', deleteDeputyRoute.request.params), async (c) => {
    await removeDeputy(c.var.db, c.req.valid('param').id as DeputyId, actorOf(signedIn(c.var.user)))
    return c.body(null, 204)
  })
