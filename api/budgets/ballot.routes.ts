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
import { refuseCrossSiteChange, sessionTokenHash } from '../auth/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { addBallotLine, ballotByReceipt, ballotRules, ballotVerdict, type BallotRules, ballotProposals, type BallotRefusal, castBallotInSession, findBallot, insertPaperBallots, paperBatchExists, removeBallotLine, type Voter, votingFlags } from './ballot.queries.ts'
import { editionOr404, requirePhase, unprocessable, violatedConstraint } from './budget-http.ts'
import { phaseState } from './edition.queries.ts'
import { newReceipt, normaliseReceipt } from './receipt.ts'

/** Receipt checks a client address may make an hour: plenty for voters, nothing for guessing. */
const RECEIPT_CHECK_RATE = { limit: 60, windowSeconds: 3600 }

/** What a ballot of these proposals has left to give, by the edition's rules. */
function remainingOf(rules: Pick<BallotRules, 'voting' | 'votes_per_voter' | 'pots'>, chosen: readonly string[], proposals: Readonly<Record<string, { cost: number; pot: string }>>): MyBallot['remaining'] {
  if (rules.voting === 'approval') return { votes: Math.max(0, rules.votes_per_voter - chosen.length), money: null }
  const money: Record<string, number> = Object.fromEntries(rules.pots.map((p) => [p.key, p.money]))
  for (const id of chosen) {
    const p = proposals[id]
    if (p) money[p.pot] = Math.max(0, (money[p.pot] ?? 0) - p.cost)
  }
  return { votes: null, money }
}

/**
 * A ballot within the rules before the database is asked: each proposal once, each feasible in
 * this edition, within the votes or each pot's money. The database holds the same rules
 * whatever requests come at once; this only names the problem well.
 */
function checkBallot(rules: Pick<BallotRules, 'voting' | 'votes_per_voter' | 'pots'>, chosen: readonly string[], proposals: Readonly<Record<string, { cost: number; pot: string }>>, field: string): void {
  checkOnce(chosen, field)
  for (const [i, id] of chosen.entries()) {
    if (!proposals[id]) throw unprocessable(`The proposal ${id} is not on this edition's ballot`, `${field}[${i}]`, 'must be a proposal on the ballot')
  }
  if (rules.voting === 'approval' && chosen.length > rules.votes_per_voter) {
    throw unprocessable(`A ballot holds at most ${rules.votes_per_voter} votes; this one has ${chosen.length}`, field, `must choose at most ${rules.votes_per_voter}`)
  }
  if (rules.voting === 'knapsack') {
    const spent = new Map<string, number>()
    for (const id of chosen) spent.set(proposals[id]!.pot, (spent.get(proposals[id]!.pot) ?? 0) + proposals[id]!.cost)
    for (const pot of rules.pots) {
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
  if (violated.code === '23503') return unprocessable("A proposal chosen is not on this edition's ballot", field, 'must be proposals on the ballot')
  if (violated.constraint === 'budget_ballot_votes' || violated.constraint === 'budget_ballot_money' || violated.constraint === 'budget_ballot_feasible_only') {
    return unprocessable(`The ballot is over the rules: ${violated.message}`, field, violated.message)
  }
  return err
}

/** Each proposal chosen once: one vote per project. */
function checkOnce(chosen: readonly string[], field: string): void {
  const seen = new Set<string>()
  for (const [i, id] of chosen.entries()) {
    if (seen.has(id)) throw unprocessable(`The proposal ${id} is chosen twice: one vote per project`, `${field}[${i}]`, 'must not repeat a proposal')
    seen.add(id)
  }
}

/** The problem of a ballot the database did not take. */
function refusalProblem(r: BallotRefusal, editionId: number): HttpProblem {
  switch (r.refused) {
    case 'signed-out':
      return new HttpProblem('unauthorized', 401, 'Sign in to do this')
    case 'no-edition':
      return problems.notFound('budget', String(editionId))
    case 'no-voting':
      return new HttpProblem('conflict', 409, 'Voting never opens in this edition: it has no voting phase')
    case 'voting-not-yet':
      return new HttpProblem('conflict', 409, `Voting is open only from ${r.starts_at} until ${r.ends_at}; not yet`)
    case 'voting-over':
      return new HttpProblem('conflict', 409, `Voting is open only from ${r.starts_at} until ${r.ends_at}; it is over`)
    case 'not-verified':
      return new HttpProblem('forbidden', 403, 'This edition takes votes only from residents who signed in with the identity provider')
    case 'not-confirmed':
      return new HttpProblem('forbidden', 403, 'Confirm your e-mail address before voting')
    case 'declare-age':
      return unprocessable(`Voters declare they are at least ${r.min_age}`, 'body.declaration.age', 'must be declared')
    case 'declare-residence':
      return unprocessable('Voters declare they live, work or study in the hromada', 'body.declaration.residence', 'must be declared')
  }
}

/** A 404, 409, 403 or 422 unless the voter may change their ballot now. */
async function requireVoter(db: Kysely<DB>, editionId: number, voterId: number): Promise<void> {
  const verdict = await ballotVerdict(db, editionId, voterId)
  if (verdict.refused !== undefined) throw refusalProblem(verdict, editionId)
}

/** The voter's ballot as it is now, read back. */
async function myBallot(db: Kysely<DB>, editionId: number, voterId: number): Promise<MyBallot> {
  const ballot = await findBallot(db, editionId, voterId)
  const chosen = ballot?.proposals ?? []
  const rules = await ballotRules(db, editionId, chosen)
  if (!rules) throw problems.notFound('budget', String(editionId))
  return { receipt: ballot?.receipt ?? null, proposals: chosen, remaining: remainingOf(rules, chosen, rules.chosen), cast_at: ballot?.updated_at.toISOString() ?? null, can_change_until: rules.voting_ends_at }
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
async function changeBallot<T>(db: Kysely<DB>, field: string, change: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(change)
  } catch (err) {
    throw ballotRefusal(err, field)
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

/**
 * `PUT /api/budgets/{id}/ballot`, a voting day's busiest request: the voter's session is
 * resolved in the same database call that casts the ballot, so the app mounts this before the
 * session middleware (api/app.ts), which would read it in a call of its own.
 */
export const ballotCastRoute = new Hono<AppEnv>().put(
  '/:id/ballot',
  async function signedInFromThisSite(c, next) {
    if (!sessionTokenHash(c)) throw new HttpProblem('unauthorized', 401, 'Sign in to do this')
    refuseCrossSiteChange(c)
    await next()
  },
  zv('param', putBallotRoute.request.params),
  zv('json', putBallotRoute.request.body.json),
  async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    checkOnce(body.proposals, 'body.proposals')
    const ballot = { editionId: id, receipt: newReceipt(), clientAddress: clientAddress(c, c.var.appeals.trustProxy), declaredAge: body.declaration?.age ?? false, declaredResidence: body.declaration?.residence ?? false }
    const cast = await castBallotInSession(c.var.db, sessionTokenHash(c)!, ballot, body.proposals).catch((err: unknown) => {
      throw ballotRefusal(err, 'body.proposals')
    })
    if (cast.refused !== undefined) throw refusalProblem(cast, id)
    // What was written is what the voter gets back: no second read.
    const chosen = [...body.proposals].sort((a, b) => Number(a) - Number(b))
    const kept = chosen.length > 0
    return c.json(contractBody(MyBallot, { receipt: kept ? ballot.receipt : null, proposals: chosen, remaining: remainingOf(cast, chosen, cast.chosen), cast_at: kept ? new Date().toISOString() : null, can_change_until: cast.ends_at }))
  },
)

/** Ballots: a voter's own, paper batches, receipts, and the commission's flags. */
export const ballotRoutes = new Hono<AppEnv>()
  .get('/:id/ballot', allow('account'), zv('param', getBallotRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, c.req.valid('param').id, user.id)))
  })
  .post('/:id/ballot/proposals/:pid', allow('account'), zv('param', addBallotLineRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await requireVoter(c.var.db, id, user.id)
    await changeBallot(c.var.db, 'path.pid', (trx) => addBallotLine(trx, voterOf(c, id, user.id), pid))
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, id, user.id)))
  })
  .delete('/:id/ballot/proposals/:pid', allow('account'), zv('param', removeBallotLineRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await requireVoter(c.var.db, id, user.id)
    const removed = await changeBallot(c.var.db, 'path.pid', (trx) => removeBallotLine(trx, voterOf(c, id, user.id), pid))
    if (!removed) throw problems.notFound('proposal on your ballot', `${id}/${pid}`)
    return c.json(contractBody(MyBallot, await myBallot(c.var.db, id, user.id)))
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
    const proposals = Object.fromEntries(await ballotProposals(c.var.db, edition.id))
    const rules = { voting: edition.voting, votes_per_voter: edition.votes_per_voter, pots: edition.pots }
    body.ballots.forEach((b, i) => checkBallot(rules, b.proposals, proposals, `body.ballots[${i}].proposals`))
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
