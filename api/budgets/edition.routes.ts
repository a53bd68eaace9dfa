import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { actorOf, type AuditChanges, writeAudit } from '../audit/index.ts'
import { BudgetEdition, type BudgetRules, createBudgetRoute, getBudgetRoute, listBudgetsRoute, patchBudgetRoute, Precheck, precheckRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, problems, zv } from '../http/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { ensureProposalsLayer } from './budget-layer.ts'
import { toEdition } from './budget.dto.ts'
import { editionOr404, unprocessable } from './budget-http.ts'
import { cityDistrictIds, cityName, findEdition, insertEdition, listEditions, lockEdition, type PotInput, potKey, replacePhases, replacePots, updateEdition } from './edition.queries.ts'
import { mergePhases, phaseProblem, phaseWindows } from './phases.ts'
import { precheckPlace } from './precheck.ts'
import { checkPlace } from './precheck.queries.ts'

/** What is wrong with an edition's rules, or nothing. */
function checkRules(rules: Pick<BudgetRules, 'min_cost' | 'max_cost'>, field: string): void {
  if (rules.max_cost !== null && rules.max_cost < rules.min_cost) throw unprocessable('The most a proposal may cost must not be below the least', `${field}.max_cost`, 'must be at least min_cost')
}

/** Checks the money: pots of the city's districts, named once each, within the total; a small class needs its ceiling. */
async function checkPots(db: Kysely<DB>, cityId: string, total: number, pots: readonly PotInput[]): Promise<void> {
  const keys = new Set<string>()
  for (const [i, pot] of pots.entries()) {
    const key = potKey(pot)
    if (keys.has(key)) throw unprocessable(`The pot ${key} is given twice`, `body.pots[${i}]`)
    keys.add(key)
    if (pot.size_class === 'small' && pot.max_cost === null) throw unprocessable('A class of small projects needs its ceiling', `body.pots[${i}].max_cost`, 'must give the most a small project may cost')
  }
  for (const [i, pot] of pots.entries()) {
    const base = pot.district_id === null ? 'city' : `d${pot.district_id}`
    if (pot.size_class === null ? [...keys].some((k) => k.startsWith(`${base}:`)) : keys.has(base)) {
      throw unprocessable(`The pot ${base} is given both whole and split into classes`, `body.pots[${i}]`)
    }
  }
  const districts = pots.map((p) => p.district_id).filter((d): d is number => d !== null)
  const known = await cityDistrictIds(db, cityId, districts)
  const unknown = pots.findIndex((p) => p.district_id !== null && !known.has(p.district_id))
  if (unknown >= 0) throw unprocessable(`The city ${cityId} has no district ${pots[unknown]!.district_id}`, `body.pots[${unknown}].district_id`)
  const sum = pots.reduce((s, p) => s + p.money, 0)
  if (sum > total) throw unprocessable(`The pots hold ${sum} hryvnias, more than the total of ${total}`, 'body.pots', 'must not add up to more than the total')
}

/** Phases as instants, or a 422 naming the wrong one. */
function checkedPhases(phases: ReturnType<typeof phaseWindows>, given: ReadonlyArray<{ name: string }>) {
  const problem = phaseProblem(phases)
  if (problem) {
    const index = given.findIndex((p) => p.name === phases[problem.index]?.name)
    throw unprocessable(`Phases: ${problem.message}`, `body.phases[${Math.max(index, 0)}]`, problem.message)
  }
  return phases
}

/** Editions of participatory budgets: their rules, phases and money; and the pre-check of a place. */
export const editionRoutes = new Hono<AppEnv>()
  .get('/', zv('query', listBudgetsRoute.request.query), async (c) => {
    const rows = await listEditions(c.var.db, c.req.valid('query').city)
    return c.json(contractBody(BudgetEdition.array(), rows.map(toEdition)))
  })
  .post('/', allow('budgets:manage'), zv('json', createBudgetRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const body = c.req.valid('json')
    const name = await cityName(c.var.db, body.city)
    if (!name) throw unprocessable(`No city ${body.city}`, 'body.city')
    checkRules(body.rules, 'body.rules')
    const phases = checkedPhases(phaseWindows(body.phases), body.phases)
    const pots: PotInput[] = body.pots.length > 0 ? body.pots : [{ district_id: null, size_class: null, money: body.total, max_cost: null }]
    await checkPots(c.var.db, body.city, body.total, pots)
    const id = await c.var.db.transaction().execute(async (trx) => {
      await ensureProposalsLayer(trx, body.city, name)
      const created = await insertEdition(trx, { city: body.city, year: body.year, title: body.title, description: body.description, total: body.total, rules: body.rules, createdBy: user.id })
      await replacePhases(trx, created, phases)
      await replacePots(trx, created, pots)
      const changes: AuditChanges = { city: [null, body.city], year: [null, body.year], total: [null, body.total], rules: [null, body.rules], phases: [null, body.phases], pots: [null, pots] }
      await writeAudit(trx, { actor: actorOf(user), action: 'create', objectType: 'budget', objectId: created, changes })
      return created
    })
    c.header('Location', `${c.var.baseUrl}/api/budgets/${id}`)
    return c.json(contractBody(BudgetEdition, toEdition((await findEdition(c.var.db, id))!)), 201)
  })
  .get('/:id', zv('param', getBudgetRoute.request.params), async (c) => {
    return c.json(contractBody(BudgetEdition, toEdition(await editionOr404(c, c.req.valid('param').id))))
  })
  .patch('/:id', allow('budgets:manage'), zv('param', patchBudgetRoute.request.params), zv('json', patchBudgetRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const edition = await lockEdition(trx, id)
      if (!edition) throw problems.notFound('budget', String(id))
      const votingStarted = edition.phases.some((p) => p.name === 'voting' && Date.parse(p.starts_at) <= Date.now())
      if (votingStarted && (body.rules !== undefined || body.pots !== undefined || body.total !== undefined)) {
        throw unprocessable('Rules and money no longer change once voting has started', body.rules ? 'body.rules' : body.pots ? 'body.pots' : 'body.total')
      }
      const before = toEdition(edition)
      const rules = { ...before.rules, ...body.rules }
      checkRules(rules, 'body.rules')
      const changes: AuditChanges = {}
      if (body.phases) {
        const phases = checkedPhases(mergePhases(phaseWindows(edition.phases), phaseWindows(body.phases)), body.phases)
        await replacePhases(trx, id, phases)
        changes.phases = [edition.phases, phases.map((p) => ({ name: p.name, starts_at: p.startsAt.toISOString(), ends_at: p.endsAt.toISOString() }))]
      }
      const total = body.total ?? edition.total
      if (body.pots || body.total !== undefined) {
        const pots = body.pots ?? edition.pots
        await checkPots(trx, edition.city_id, total, pots)
        if (body.pots) {
          await replacePots(trx, id, body.pots).catch((err: { code?: string }) => {
            throw err.code === '23503' ? unprocessable('A pot that proposals are counted in cannot be taken away', 'body.pots') : err
          })
          changes.pots = [edition.pots, body.pots]
        }
      }
      await updateEdition(trx, id, { ...body, rules: body.rules })
      for (const key of ['year', 'title', 'description', 'total'] as const) if (body[key] !== undefined) changes[key] = [before[key], body[key]]
      if (body.rules) changes.rules = [before.rules, rules]
      await writeAudit(trx, { actor: actorOf(user), action: 'update', objectType: 'budget', objectId: id, changes })
    })
    return c.json(contractBody(BudgetEdition, toEdition((await findEdition(c.var.db, id))!)))
  })
  .post('/:id/precheck', zv('param', precheckRoute.request.params), zv('json', precheckRoute.request.body.json), async (c) => {
    const edition = await editionOr404(c, c.req.valid('param').id)
    const { geometry, cost } = c.req.valid('json')
    const place = await checkPlace(c.var.db, geometry)
    if (!place.valid) throw unprocessable(`The drawn area is not valid: ${place.reason}`, 'body.geometry', place.reason)
    return c.json(contractBody(Precheck, await precheckPlace(c.var.db, edition, geometry, cost ?? null)))
  })
