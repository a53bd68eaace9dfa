import { type Context, Hono } from 'hono'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { actorOf, writeAudit } from '../audit/index.ts'
import { digest, newToken } from '../auth/index.ts'
import {
  BudgetProposal,
  CoauthorInvitation,
  createProposalRoute,
  getProposalRoute,
  inviteCoauthorRoute,
  joinCoauthorsRoute,
  listProposalsRoute,
  MAX_COAUTHORS,
  patchProposalRoute,
  ProposalCreated,
  type ProposalGeometry,
  reviewProposalRoute,
  submitProposalRoute,
  withdrawProposalRoute,
} from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, problems, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { PUBLIC_STATUSES, visibleTo, writes, writtenBy } from './authorship.ts'
import { addCoauthor, invitationMatches, setInvitation } from './coauthor.queries.ts'
import { reviewMail } from './budget-mail.ts'
import { toProposal } from './budget.dto.ts'
import { editionOr404, requirePhase, unprocessable } from './budget-http.ts'
import { type EditionRow, phaseState } from './edition.queries.ts'
import { choosePot } from './pots.ts'
import { precheckPlace } from './precheck.ts'
import { checkPlace } from './precheck.queries.ts'
import { findProposal, insertProposal, listProposals, lockProposal, type ProposalRow, setProposalStatus, setReview, updateDraft } from './proposal.queries.ts'

/** Where residents read a proposal. */
export const proposalPageUrl = (baseUrl: string, editionId: number, id: number) => `${baseUrl}/budgets/${editionId}/proposals/${id}`

/** A proposal the reader may see: a public one, or their own; else 404. */
async function visibleProposal(c: Context<AppEnv>, editionId: number, id: number): Promise<ProposalRow> {
  const row = await findProposal(c.var.db, editionId, id, c.var.user?.id ?? null)
  if (!row || !visibleTo(row, c.var.user?.id)) throw problems.notFound('proposal', `${editionId}/${id}`)
  return row
}

/** The cost within the edition's limits, or a 422 naming the items. */
function checkCost(edition: EditionRow, cost: number): void {
  if (cost < edition.min_cost) throw unprocessable(`The proposal costs ${cost} hryvnias; the least a proposal may cost is ${edition.min_cost}`, 'body.cost_items', `must add up to at least ${edition.min_cost}`)
  if (edition.max_cost !== null && cost > edition.max_cost) throw unprocessable(`The proposal costs ${cost} hryvnias; the most a proposal may cost is ${edition.max_cost}`, 'body.cost_items', `must add up to at most ${edition.max_cost}`)
}

/** The place checked and placed: valid, in a district's pot; with its pre-check. */
async function placed(db: Kysely<DB>, edition: EditionRow, geometry: ProposalGeometry, cost: number, except: number | null) {
  const place = await checkPlace(db, geometry)
  if (!place.valid) throw unprocessable(`The drawn area is not valid: ${place.reason}`, 'body.geometry', place.reason)
  const precheck = await precheckPlace(db, edition, geometry, cost, except)
  if (precheck.pot === null) throw unprocessable("The place is outside the districts this edition's money is for", 'body.geometry', 'must be inside a district the edition funds')
  return { precheck, districtId: precheck.district?.id ?? null, pot: precheck.pot }
}

/** A draft may be kept until submission ends. */
async function requireDraftsTaken(c: Context<AppEnv>, edition: EditionRow): Promise<void> {
  const state = await phaseState(c.var.db, edition.id, 'submission')
  if (state === 'after' || state === 'missing') await requirePhase(c, edition, 'submission')
}

const sum = (items: ReadonlyArray<{ amount: number }>) => items.reduce((s, i) => s + i.amount, 0)

/** Proposals: residents place and submit them, reviewers judge them. */
export const proposalRoutes = new Hono<AppEnv>()
  .get('/:id/proposals', zv('param', listProposalsRoute.request.params), zv('query', listProposalsRoute.request.query), async (c) => {
    const edition = await editionOr404(c, c.req.valid('param').id)
    const query = c.req.valid('query')
    const readerId = c.var.user?.id ?? null
    if (query.mine && readerId === null) throw new HttpProblem('unauthorized', 401, 'Sign in to see your own proposals')
    const rows = await listProposals(c.var.db, edition.id, { status: query.status, district: query.district, ...(query.mine && { authorId: readerId! }) }, readerId)
    return c.json(contractBody(BudgetProposal.array(), rows.map((r) => toProposal(r, readerId, c.var.baseUrl))))
  })
  .post('/:id/proposals', allow('account'), zv('param', createProposalRoute.request.params), zv('json', createProposalRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const edition = await editionOr404(c, c.req.valid('param').id)
    const body = c.req.valid('json')
    if (body.draft) await requireDraftsTaken(c, edition)
    else await requirePhase(c, edition, 'submission')
    const cost = sum(body.cost_items)
    checkCost(edition, cost)
    const { precheck, districtId, pot } = await placed(c.var.db, edition, body.geometry, cost, null)
    const id = await c.var.db.transaction().execute(async (trx) => {
      const created = await insertProposal(trx, {
        editionId: edition.id,
        authorId: user.id,
        title: body.title,
        description: body.description,
        category: body.category,
        geometry: body.geometry,
        districtId,
        pot,
        costItems: body.cost_items,
        status: body.draft ? 'draft' : 'submitted',
        precheck: body.draft ? null : precheck,
      })
      await writeAudit(trx, { actor: actorOf(user), action: body.draft ? 'draft' : 'submit', objectType: 'budget-proposal', objectId: created, changes: { edition: [null, edition.id], title: [null, body.title], cost: [null, cost], pot: [null, pot] } })
      return created
    })
    c.header('Location', `${c.var.baseUrl}/api/budgets/${edition.id}/proposals/${id}`)
    const row = (await findProposal(c.var.db, edition.id, id, user.id))!
    return c.json(contractBody(ProposalCreated, { ...toProposal(row, user.id, c.var.baseUrl), precheck }), 201)
  })
  .get('/:id/proposals/:pid', zv('param', getProposalRoute.request.params), async (c) => {
    const { id, pid } = c.req.valid('param')
    return c.json(contractBody(BudgetProposal, toProposal(await visibleProposal(c, id, pid), c.var.user?.id ?? null, c.var.baseUrl)))
  })
  .patch('/:id/proposals/:pid', allow('account'), zv('param', patchProposalRoute.request.params), zv('json', patchProposalRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const body = c.req.valid('json')
    const edition = await editionOr404(c, id)
    await requireDraftsTaken(c, edition)
    await c.var.db.transaction().execute(async (trx) => {
      const row = writtenBy(await lockProposal(trx, id, pid), user.id, `${id}/${pid}`, 'edit a proposal')
      if (row.status !== 'draft') throw new HttpProblem('conflict', 409, 'A submitted proposal no longer changes; the reviewers may adjust its cost')
      const costItems = body.cost_items ?? row.cost_items
      checkCost(edition, sum(costItems))
      const place = body.geometry || body.cost_items ? await placed(trx, edition, (body.geometry ?? row.geometry) as ProposalGeometry, sum(costItems), pid) : undefined
      await updateDraft(trx, pid, { ...body, costItems: body.cost_items, ...(place && { districtId: place.districtId, pot: place.pot }) })
    })
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)))
  })
  .post('/:id/proposals/:pid/submit', allow('account'), zv('param', submitProposalRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const edition = await editionOr404(c, id)
    await requirePhase(c, edition, 'submission')
    const precheck = await c.var.db.transaction().execute(async (trx) => {
      const row = writtenBy(await lockProposal(trx, id, pid), user.id, `${id}/${pid}`, 'submit a proposal')
      if (row.status !== 'draft') throw new HttpProblem('conflict', 409, `The proposal is ${row.status}, not a draft`)
      checkCost(edition, row.cost)
      const place = await placed(trx, edition, row.geometry as ProposalGeometry, row.cost, pid)
      await setProposalStatus(trx, pid, 'submitted', { precheck: place.precheck, districtId: place.districtId, pot: place.pot })
      await writeAudit(trx, { actor: actorOf(user), action: 'submit', objectType: 'budget-proposal', objectId: pid, changes: { status: ['draft', 'submitted'] } })
      return place.precheck
    })
    return c.json(contractBody(ProposalCreated, { ...toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl), precheck }))
  })
  .post('/:id/proposals/:pid/withdraw', allow('account'), zv('param', withdrawProposalRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await editionOr404(c, id)
    await c.var.db.transaction().execute(async (trx) => {
      const row = writtenBy(await lockProposal(trx, id, pid), user.id, `${id}/${pid}`, 'withdraw a proposal')
      if (row.status !== 'draft' && row.status !== 'submitted') throw new HttpProblem('conflict', 409, 'A reviewed proposal can no longer be withdrawn')
      await setProposalStatus(trx, pid, 'withdrawn')
      await writeAudit(trx, { actor: actorOf(user), action: 'withdraw', objectType: 'budget-proposal', objectId: pid, changes: { status: [row.status, 'withdrawn'] } })
    })
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)))
  })
  .post('/:id/proposals/:pid/coauthor-invitation', allow('account'), zv('param', inviteCoauthorRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const token = newToken()
    await c.var.db.transaction().execute(async (trx) => {
      const row = writtenBy(await lockProposal(trx, id, pid), user.id, `${id}/${pid}`, 'invite co-authors')
      if (row.status !== 'draft' && row.status !== 'submitted') throw new HttpProblem('conflict', 409, 'A reviewed proposal takes no new co-authors')
      await setInvitation(trx, pid, digest(token))
    })
    return c.json(contractBody(CoauthorInvitation, { token, url: `${proposalPageUrl(c.var.baseUrl, id, pid)}?join=${token}` }), 201)
  })
  .post('/:id/proposals/:pid/coauthors', allow('account'), zv('param', joinCoauthorsRoute.request.params), zv('json', joinCoauthorsRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const { token } = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const row = await lockProposal(trx, id, pid)
      // A wrong token says no more than a missing proposal does.
      if (!row || !(await invitationMatches(trx, pid, digest(token)))) throw problems.notFound('invitation', `${id}/${pid}`)
      if (writes(row, user.id)) return
      if (row.status !== 'draft' && row.status !== 'submitted') throw new HttpProblem('conflict', 409, 'A reviewed proposal takes no new co-authors')
      if (row.coauthor_ids.length >= MAX_COAUTHORS) throw new HttpProblem('conflict', 409, `A proposal has at most ${MAX_COAUTHORS} co-authors`)
      await addCoauthor(trx, pid, user.id)
      await writeAudit(trx, { actor: actorOf(user), action: 'co-author', objectType: 'budget-proposal', objectId: pid, changes: { co_authors: [row.coauthor_ids.length, row.coauthor_ids.length + 1] } })
    })
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)))
  })
  .post('/:id/proposals/:pid/review', allow('budgets:manage'), zv('param', reviewProposalRoute.request.params), zv('json', reviewProposalRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const body = c.req.valid('json')
    const edition = await editionOr404(c, id)
    const voting = await phaseState(c.var.db, id, 'voting')
    if (voting === 'on' || voting === 'after') throw new HttpProblem('conflict', 409, 'Voting has started: the ballot no longer changes')
    if (!body.feasible && body.reason === '') throw unprocessable('A proposal found not feasible needs the reason', 'body.reason', 'must say why it is not feasible')
    await c.var.db.transaction().execute(async (trx) => {
      const row = await lockProposal(trx, id, pid)
      if (!row || !PUBLIC_STATUSES.has(row.status)) throw problems.notFound('proposal', `${id}/${pid}`)
      const cost = body.cost ?? row.cost
      const costNote = body.cost_note || body.reason
      if (cost !== row.cost && costNote === '') throw unprocessable('A changed cost needs its note', 'body.cost_note', 'must say why the cost changed')
      const pot = choosePot(edition.pots, row.district_id, cost) ?? row.pot
      await setReview(trx, pid, { feasible: body.feasible, reason: body.reason, cost, costNote: cost !== row.cost ? costNote : (row.cost_note ?? ''), pot, userId: user.id })
      await writeAudit(trx, {
        actor: actorOf(user),
        action: 'review',
        objectType: 'budget-proposal',
        objectId: pid,
        changes: { status: [row.status, body.feasible ? 'feasible' : 'not_feasible'], reason: [row.review_reason, body.reason], cost: [row.cost, cost], pot: [row.pot, pot] },
      })
      if (row.author_email) {
        await enqueueMail(trx, reviewMail({ to: row.author_email, title: row.title, feasible: body.feasible, reason: body.reason, cost, originalCost: row.original_cost, costNote, pageUrl: proposalPageUrl(c.var.baseUrl, id, pid) }))
      }
    })
    c.var.appeals.mailQueued()
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)))
  })
