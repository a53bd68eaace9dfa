import { type Context, Hono } from 'hono'
import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { actorOf, type AuditChanges, writeAudit } from '../audit/index.ts'
import { addMilestoneRoute, BudgetProposal, followProposalRoute, patchImplementationRoute, unfollowProposalRoute } from '../contract/index.ts'
import { type AppEnv, contractBody, HttpProblem, problems, zv } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { allow, signedIn } from '../permissions/index.ts'
import { PUBLIC_STATUSES } from './authorship.ts'
import { implementationMail } from './budget-mail.ts'
import { toProposal } from './budget.dto.ts'
import { followerEmails, insertMilestone, setFollowing, updateImplementation } from './implementation.queries.ts'
import { proposalPageUrl } from './proposal.routes.ts'
import { findProposal, lockProposal, type ProposalRow, refreshProposalFeatures } from './proposal.queries.ts'

/** A winner of the edition, locked for a change of its construction; 404 or 409 otherwise. */
async function lockedWinner(trx: Transaction<DB>, editionId: number, id: number): Promise<ProposalRow & { implementation: NonNullable<ProposalRow['implementation']> }> {
  const row = await lockProposal(trx, editionId, id)
  if (!row) throw problems.notFound('proposal', `${editionId}/${id}`)
  if (!row.implementation) throw new HttpProblem('conflict', 409, 'Only a winning project is tracked as it is built')
  return row as ProposalRow & { implementation: NonNullable<ProposalRow['implementation']> }
}

/** Tells the followers of a project what changed. */
async function mailFollowers(trx: Transaction<DB>, c: Context<AppEnv>, row: ProposalRow, change: string): Promise<void> {
  for (const to of await followerEmails(trx, row.id)) {
    await enqueueMail(trx, implementationMail({ to, title: row.title, change, pageUrl: proposalPageUrl(c.var.baseUrl, row.edition_id, row.id) }))
  }
}

/** A public proposal of the edition, or 404. */
async function publicProposal(c: Context<AppEnv>, editionId: number, id: number): Promise<ProposalRow> {
  const row = await findProposal(c.var.db, editionId, id)
  if (!row || !PUBLIC_STATUSES.has(row.status)) throw problems.notFound('proposal', `${editionId}/${id}`)
  return row
}

/** The winners' construction: its status, progress, money and milestones, followed by residents. */
export const implementationRoutes = new Hono<AppEnv>()
  .patch('/:id/proposals/:pid/implementation', allow('budgets:manage'), zv('param', patchImplementationRoute.request.params), zv('json', patchImplementationRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const body = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const row = await lockedWinner(trx, id, pid)
      const changes: AuditChanges = {}
      for (const key of ['status', 'progress', 'spent', 'prozorro_id', 'note'] as const) {
        if (body[key] !== undefined && body[key] !== row.implementation[key]) changes[key] = [row.implementation[key], body[key]]
      }
      if (Object.keys(changes).length === 0) return
      await updateImplementation(trx, pid, body)
      await refreshProposalFeatures(trx, id, [pid])
      await writeAudit(trx, { actor: actorOf(user), action: 'implementation', objectType: 'budget-proposal', objectId: pid, changes })
      const said = Object.entries(changes).map(([key, [, to]]) => `${key}: ${String(to)}`).join('\n')
      await mailFollowers(trx, c, row, said)
    })
    c.var.appeals.mailQueued()
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)))
  })
  .post('/:id/proposals/:pid/implementation/milestones', allow('budgets:manage'), zv('param', addMilestoneRoute.request.params), zv('json', addMilestoneRoute.request.body.json), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    const body = c.req.valid('json')
    await c.var.db.transaction().execute(async (trx) => {
      const row = await lockedWinner(trx, id, pid)
      const milestone = await insertMilestone(trx, pid, body)
      await writeAudit(trx, { actor: actorOf(user), action: 'milestone', objectType: 'budget-proposal', objectId: pid, changes: { [`milestone.${milestone}`]: [null, body] } })
      await mailFollowers(trx, c, row, `${body.title}${body.done_on ? ` (${body.done_on})` : body.due_on ? ` (→ ${body.due_on})` : ''}${body.note ? `\n${body.note}` : ''}`)
    })
    c.var.appeals.mailQueued()
    return c.json(contractBody(BudgetProposal, toProposal((await findProposal(c.var.db, id, pid, user.id))!, user.id, c.var.baseUrl)), 201)
  })
  .post('/:id/proposals/:pid/follow', allow('account'), zv('param', followProposalRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await publicProposal(c, id, pid)
    await setFollowing(c.var.db, pid, user.id, true)
    return c.body(null, 204)
  })
  .delete('/:id/proposals/:pid/follow', allow('account'), zv('param', unfollowProposalRoute.request.params), async (c) => {
    const user = signedIn(c.var.user)
    const { id, pid } = c.req.valid('param')
    await publicProposal(c, id, pid)
    await setFollowing(c.var.db, pid, user.id, false)
    return c.body(null, 204)
  })
