import { createHash } from 'node:crypto'
import { type Context, Hono } from 'hono'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import {
  addBallotLineRoute,
  checkReceiptRoute,
  getBallotRoute,
  MyBallot,
  PaperBatch,
  paperBallotsRoute,
  putBallotRoute,
  ReceiptCheck,
  removeBallotLineRoute,
  VotingFlag,
  votingFlagsRoute,
} from '../contract/index.ts'
import { type AppEnv, clientAddress, contractBody, hitRateLimit, HttpProblem, problems, zv } from '../http/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { addBallotLine, ballotByReceipt, ballotProposals, findBallot, insertPaperBallots, paperBatchExists, removeBallotLine, replaceBallot, type Voter, voterStanding, votingFlags } from './ballot.queries.ts'
import { editionOr404, requirePhase, unprocessable, violatedConstraint } from './budget-http.ts'
import { type EditionRow, phaseState } from './edition.queries.ts'
import { newReceipt, normaliseReceipt } from './receipt.ts'

/** Receipt checks a client address may make an hour: plenty for voters, nothing for guessing. */
const RECEIPT_CHECK_RATE = { limit: 60, windowSeconds: 3600 }

/** What a ballot of these proposals has left to give, by the edition's rules. */
function remainingOf(edition: EditionRow, chosen: readonly string[], proposals: Map<string, { cost: number; pot: string }>): MyBallot['remaining'] {
  if (edition.voting === 'approval') return { votes: Math.max(0, edition.votes_per_voter - chosen.length), money: null }
  const money: Record<string, number> = Object.fromEntries(edition.pots.map((p) => [p.key, p.money]))
  for (const id of chosen) {
    const p = proposals.get(id)
    if (p) money[p.pot] = Math.max(0, (money[p.pot] ?? 0) - p.cost)
  }
  return { votes: null, money }
}

/**
 * A ballot within the rules before the database is asked: each proposal once, each feasible in
 * this edition, within the votes or each pot's money. The database holds the same rules
 * whatever requests come at once; this only names the problem well.
 */
function checkBallot(edition: EditionRow, chosen: readonly string[], proposals: Map<string, { cost: number; pot: string }>, field: string): void {
  const seen = new Set<string>()
  for (const [i, id] of chosen.entries()) {
    if (seen.has(id)) throw unprocessable(`The proposal ${id} is chosen twice: one vote per project`, `${field}[${i}]`, 'must not repeat a proposal')
    seen.add(id)
    if (!proposals.has(id)) throw unprocessable(`The proposal ${id} is not on this edition's ballot`, `${field}[${i}]`, 'must be a proposal on the ballot')
  }
  if (edition.voting === 'approval' && chosen.length > edition.votes_per_voter) {
    throw unprocessable(`A ballot holds at most ${edition.votes_per_voter} votes; this one has ${chosen.length}`, field, `must choose at most ${edition.votes_per_voter}`)
  }
  if (edition.voting === 'knapsack') {
    const spent = new Map<string, number>()
    for (const id of chosen) {
      const p = proposals.get(id)!
      spent.set(p.pot, (spent.get(p.pot) ?? 0) + p.cost)
    }
    for (const pot of edition.pots) {
      const cost = spent.get(pot.key) ?? 0
      if (cost > pot.money) throw unprocessable(`The choices in ${pot.key} cost ${cost} hryvnias, more than its ${pot.money}`, field, `must fit the money of ${pot.key}`)
    }
  }
}

/** A refusal of the database's ballot rules, said as the API says it. */
function ballotRefusal(err: unknown, field: string): unknown {
  const violated = violatedConstraint(err)
  if (!violated) return err
  if (violated.code === '23505' && violated.constraint === 'budget_ballot_lines_pkey') return new HttpProblem('conflict', 409, 'This proposal is on your ballot already: one vote per project')
  if (violated.constraint === 'budget_ballot_votes' || violated.constraint === 'budget_ballot_money' || violated.constraint === 'budget_ballot_feasible_only') {
    return unprocessable(`The ballot is over the rules: ${violated.message}`, field, violated.message)
  }
  return err
}

/** Whether the voter may vote in this edition, or the reason they may not. */
async function checkVoter(db: Kysely<DB>, edition: EditionRow, userId: number, declaration: { age: boolean; residence: boolean } | undefined, declaredBefore: boolean): Promise<void> {
  const standing = await voterStanding(db, userId)
  if (edition.verified_only && !standing.verified) throw new HttpProblem('forbidden', 403, 'This edition takes votes only from residents who signed in with the identity provider')
  if (!standing.confirmed) throw new HttpProblem('forbidden', 403, 'Confirm your e-mail address before voting')
  if (declaredBefore) return
  if (edition.min_age !== null && !declaration?.age) throw unprocessable(`Voters declare they are at least ${edition.min_age}`, 'body.declaration.age', 'must be declared')
  if (edition.residence_declaration && !declaration?.residence) throw unprocessable('Voters declare they live, work or study in the hromada', 'body.declaration.residence', 'must be declared')
}

async function myBallot(db: Kysely<DB>, edition: EditionRow, voterId: number): Promise<MyBallot> {
  const [ballot, proposals] = await Promise.all([findBallot(db, edition.id, voterId), ballotProposals(db, edition.id)])
  const chosen = ballot?.proposals ?? []
  return {
    receipt: ballot?.receipt ?? null,
    proposals: chosen,
    remaining: remainingOf(edition, chosen, proposals),
    cast_at: ballot?.updated_at.toISOString() ?? null,
    can_change_until: edition.phases.find((p) => p.name === 'voting')?.ends_at ?? null,
  }
}

/** The voter of a request: who, from where, with a new receipt for the ballot as it will be. */
function voterOf(c: Context<AppEnv>, editionId: number, userId: number, declaration?: { age: boolean; residence: boolean }): Voter {
  return {
    editionId,
    voterId: userId,
    receipt: newReceipt(),
    clientAddress: clientAddress(c, c.var.appeals.trustProxy),
    declaredAge: declaration?.age ?? false,
    declaredResidence: declaration?.residence ?? false,
  }
}

/** A change of a ballot in its own transaction, with the database's refusals said as the API says them. */
async function changeBallot(db: Kysely<DB>, field: string, change: (trx: Transaction<DB>) => Promise<void>): Promise<void> {
  try {
    await db.transaction().execute(change)
  } catch (err) {
    throw ballotRefusal(err, field)
  }
}

/** Whether the voter declared what the rules ask on an earlier ballot (the line routes have no body to declare in). */
async function declaredBefore(db: Kysely<DB>, editionId: number, voterId: number, edition: EditionRow): Promise<boolean> {
  if (edition.min_age === null && !edition.residence_declaration) return true
  const row = await db.selectFrom('budget_ballots').select(['declared_age', 'declared_residence']).where('edition_id', '=', editionId).where('voter_id', '=', voterId).where('source', '=', 'online').executeTakeFirst()
  return row !== undefined && (edition.min_age === null || row.declared_age) && (!edition.residence_declaration || row.declared_residence)
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/** Ballots: a voter's own, paper batches, receipts, and the commission's flags. */
export const ballotRoutes = new Hono<AppEnv>()
  .put('/:id/ballot', allow('account'), zv('param', putBallotRoute.request.params), zv('json', putBallotRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const edition = await editionOr404(c, c.req.valid('param').id)
    const body = c.req.valid('json')
    await requirePhase(c, edition, 'voting')
    await checkVoter(c.var.db, edition, user.id, body.declaration, false)
    const proposals = await ballotProposals(c.var.db, edition.id)
    checkBallot(edition, body.proposals, proposals, 'body.proposals')
    await changeBallot(c.var.db, 'body.proposals', (trx) => replaceBallot(trx, voterOf(c, edition.id, user.id, body.declaration), body.proposals))
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, edition, user.id)))
  })
  .get('/:id/ballot', allow('account'), zv('param', getBallotRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const edition = await editionOr404(c, c.req.valid('param').id)
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, edition, user.id)))
  })
  .post('/:id/ballot/proposals/:pid', allow('account'), zv('param', addBallotLineRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const edition = await editionOr404(c, id)
    await requirePhase(c, edition, 'voting')
    await checkVoter(c.var.db, edition, user.id, undefined, await declaredBefore(c.var.db, id, user.id, edition))
    if (!(await ballotProposals(c.var.db, id)).has(String(pid))) throw problems.notFound('proposal on the ballot', `${id}/${pid}`)
    await changeBallot(c.var.db, 'path.pid', (trx) => addBallotLine(trx, voterOf(c, id, user.id), pid))
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, edition, user.id)))
  })
  .delete('/:id/ballot/proposals/:pid', allow('account'), zv('param', removeBallotLineRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const edition = await editionOr404(c, id)
    await requirePhase(c, edition, 'voting')
    let removed = false
    await changeBallot(c.var.db, 'path.pid', async (trx) => {
      removed = await removeBallotLine(trx, voterOf(c, id, user.id), pid)
    })
    if (!removed) throw problems.notFound('proposal on your ballot', `${id}/${pid}`)
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, edition, user.id)))
  })
  .post('/:id/receipts', zv('param', checkReceiptRoute.request.params), zv('json', checkReceiptRoute.request.body.json), async (c) => {
    const edition = await editionOr404(c, c.req.valid('param').id)
    await hitRateLimit(c.var.db, `budget-receipt:${clientAddress(c, c.var.appeals.trustProxy)}`, RECEIPT_CHECK_RATE)
    const receipt = normaliseReceipt(c.req.valid('json').receipt)
    const ballot = await ballotByReceipt(c.var.db, edition.id, receipt)
    return c.json(contractBody(ReceiptCheck, { counted: ballot !== undefined, proposals: ballot?.proposals ?? [], source: ballot?.source ?? null, receipt_sha256: sha256(receipt) }))
  })
  .post('/:id/paper-ballots', allow('budgets:manage'), zv('param', paperBallotsRoute.request.params), zv('json', paperBallotsRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const edition = await editionOr404(c, c.req.valid('param').id)
    const body = c.req.valid('json')
    const voting = await phaseState(c.var.db, edition.id, 'voting')
    if (voting === 'before' || voting === 'missing') await requirePhase(c, edition, 'voting')
    if (edition.results_computed_at !== null) throw new HttpProblem('conflict', 409, 'The results are published: paper ballots come in before the count')
    if (await paperBatchExists(c.var.db, edition.id, body.batch)) throw new HttpProblem('conflict', 409, `The batch ${body.batch} is entered already`)
    const proposals = await ballotProposals(c.var.db, edition.id)
    body.ballots.forEach((b, i) => checkBallot(edition, b.proposals, proposals, `body.ballots[${i}].proposals`))
    const ballots = body.ballots.map((b) => ({ receipt: newReceipt(), proposals: b.proposals }))
    await changeBallot(c.var.db, 'body.ballots', async (trx) => {
      await insertPaperBallots(trx, { editionId: edition.id, batch: body.batch, enteredBy: user.id, ballots })
      await writeAudit(trx, { actor: actorOf(user), action: 'paper-ballots', objectType: 'budget', objectId: edition.id, changes: { [`paper.${body.batch}`]: [null, ballots.length] } })
    })
    return c.json(contractBody(PaperBatch, { batch: body.batch, ballots: ballots.length, receipts: ballots.map((b) => b.receipt), entered_at: new Date().toISOString() }), 201)
  })
  .get('/:id/flags', allow('budgets:manage'), zv('param', votingFlagsRoute.request.params), async (c) => {
    const edition = await editionOr404(c, c.req.valid('param').id)
    const flags = await votingFlags(c.var.db, edition.id)
    return c.json(
      contractBody(
        VotingFlag.array(),
        flags.map((f) => ({
          kind: f.kind,
          proposal: f.proposal,
          ballots: f.ballots,
          detail:
            f.kind === 'new-accounts-burst'
              ? `${f.ballots} of the ${f.total} votes for proposal ${f.proposal} come from accounts made within two days before they voted`
              : `${f.ballots} ballots came from one client address`,
        })),
      ),
    )
  })
