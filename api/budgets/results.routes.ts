import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import { ballotsCsvRoute, BudgetResults, computeResultsRoute, getResultsRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, problems, zv } from '../http/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { countBallots } from './ballot.queries.ts'
import { toResults } from './budget.dto.ts'
import { editionOr404 } from './budget-http.ts'
import { countAndPublish, unspentOf } from './count.ts'
import { findEdition, lockEdition, phaseState } from './edition.queries.ts'
import { publishedBallots, readResults } from './results.queries.ts'

/** The published results of an edition, or 404 before the count. */
async function publishedResults(db: Kysely<DB>, editionId: number, baseUrl: string): Promise<BudgetResults> {
  const edition = await findEdition(db, editionId)
  if (!edition) throw problems.notFound('budget', String(editionId))
  if (edition.results_computed_at === null) throw problems.notFound('results of budget', String(editionId))
  const [lines, ballots] = await Promise.all([readResults(db, editionId), countBallots(db, editionId)])
  return toResults(editionId, lines, edition.results_computed_at, ballots, unspentOf(edition, lines), baseUrl, edition.ballots_sha256)
}

/** The count: computed from the ballots by the pure engine, published with the ballots it came from. */
export const resultsRoutes = new Hono<AppEnv>()
  .post('/:id/results', allow('budgets:manage'), zv('param', computeResultsRoute.request.params), zv('json', computeResultsRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id } = c.req.valid('param')
    const { overrides } = c.req.valid('json')
    const edition = await editionOr404(c, id)
    if (edition.past) throw new HttpProblem('conflict', 409, 'A past edition keeps the totals it published; there are no ballots to count')
    const voting = await phaseState(c.var.db, id, 'voting')
    if (voting !== 'after') throw new HttpProblem('conflict', 409, voting === 'missing' ? 'The edition has no voting phase to count' : 'Voting has not ended: count once it has')
    await c.var.db.transaction().execute(async (trx) => {
      // One count at a time: a second waits here and counts the same ballots again.
      const locked = (await lockEdition(trx, id))!
      const { lines, sha256 } = await countAndPublish(trx, locked, overrides)
      await writeAudit(trx, {
        actor: actorOf(user),
        action: 'count',
        objectType: 'budget',
        objectId: id,
        changes: {
          winners: [null, lines.filter((l) => l.won).map((l) => l.id)],
          ballots_sha256: [locked.ballots_sha256, sha256],
          ...Object.fromEntries(lines.filter((l) => l.overrideReason !== null).map((l) => [`override.${l.id}`, [l.outcome, `${l.won ? 'won' : 'not won'}: ${l.overrideReason}`]])),
        },
      })
    })
    return c.json(contractBody(BudgetResults, await publishedResults(c.var.db, id, c.var.baseUrl)))
  })
  .get('/:id/results', zv('param', getResultsRoute.request.params), async (c) => {
    return c.json(contractBody(BudgetResults, await publishedResults(c.var.db, c.req.valid('param').id, c.var.baseUrl)))
  })
  .get('/:id/ballots.csv', zv('param', ballotsCsvRoute.request.params), async (c) => {
    const { id } = c.req.valid('param')
    const published = await publishedBallots(c.var.db, id)
    if (!published) throw problems.notFound('published ballots of budget', String(id))
    return c.body(published.csv, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="budget-${id}-ballots.csv"`,
      ETag: `"${published.sha256}"`,
      'X-Content-SHA256': published.sha256,
    })
  })
