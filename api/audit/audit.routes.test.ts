import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { signInAs, type SignedIn } from '../auth/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import type { AuditObject } from './audit-log.ts'
import { writeAudit } from './audit.queries.ts'

let database: Database
let app: TestApp['app']
let admin: SignedIn
let moderator: SignedIn
let manager: SignedIn
let executor: SignedIn
// Every row this run writes has this actor, so that the lists compare this run's rows only.
const actor = `test:${randomUUID()}`
const appeals = { own: '', other: '', past: '' }

/**
 * A new appeal of this run, filed through the API in a category that Kyiv routes to
 * `kyiv-roads` (pothole) or `kyiv-waste` (overflowing bins); the demo's synthetic appeals are
 * left alone.
 */
async function appealOf(organisation: 'kyiv-roads' | 'kyiv-waste'): Promise<string> {
  const category = organisation === 'kyiv-roads' ? 'pothole' : 'waste-overflow'
  const res = await postJson(app, '/api/appeals', appealBody({ category }), { 'X-Forwarded-For': `audit-${randomUUID()}` })
  expect(res.status).toBe(201)
  const { number } = (await res.json()) as { number: string }
  const { rows } = await sql<{ organisation_id: string }>`SELECT organisation_id FROM appeals WHERE number = ${number}`.execute(database.db)
  expect(rows[0]!.organisation_id).toBe(organisation)
  return number
}

async function audit(objectType: AuditObject, objectId: string, changes: Record<string, [unknown, unknown]> = { note: [null, 'x'] }): Promise<void> {
  await database.db.transaction().execute((trx) => writeAudit(trx, { actor, action: 'update', objectType, objectId, changes }))
}

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  ;[admin, moderator, manager, executor] = await Promise.all([signInAs(app, 'admin'), signInAs(app, 'moderator'), signInAs(app, 'manager'), signInAs(app, 'executor')])
  appeals.own = await appealOf('kyiv-roads')
  appeals.other = await appealOf('kyiv-waste')
  // Routed to the manager's organisation once, and on to another one since.
  appeals.past = await appealOf('kyiv-waste')
  await audit('appeal', appeals.own)
  await audit('appeal', appeals.other)
  await audit('appeal', appeals.past, { organisation_id: ['kyiv-lighting', 'kyiv-roads'] })
  await audit('appeal', appeals.past, { organisation_id: ['kyiv-roads', 'kyiv-waste'] })
  await audit('user', '1')
  await audit('deputy', '1')
  await audit('organisation', 'kyiv-roads')
  await audit('category', 'pothole')
  await audit('routing-rule', '1')
})
afterAll(async () => {
  await database.close()
})

/** The (object type, object id) of this run's rows the client reads at `query`, sorted. */
async function readable(client: SignedIn, query = ''): Promise<string[]> {
  const res = await client.get(`/api/audit?actor=${encodeURIComponent(actor)}&limit=200${query}`)
  expect(res.status).toBe(200)
  const body = (await res.json()) as { total: number; items: Array<{ object_type: string; object_id: string }> }
  expect(body.total).toBe(body.items.length)
  return body.items.map((r) => `${r.object_type} ${r.object_id}`).sort()
}

describe('the audit trail, scoped by role', () => {
  it('shows an administrator every row', async () => {
    expect(await readable(admin)).toEqual(
      [
        `appeal ${appeals.own}`,
        `appeal ${appeals.other}`,
        `appeal ${appeals.past}`,
        `appeal ${appeals.past}`,
        'user 1',
        'deputy 1',
        'organisation kyiv-roads',
        'category pothole',
        'routing-rule 1',
      ].sort(),
    )
  })

  it('shows a moderator the rows of every appeal and nothing else', async () => {
    expect(await readable(moderator)).toEqual([`appeal ${appeals.own}`, `appeal ${appeals.other}`, `appeal ${appeals.past}`, `appeal ${appeals.past}`].sort())
  })

  it('shows a head only the appeals assigned to their organisation, now or before', async () => {
    expect(await readable(manager)).toEqual([`appeal ${appeals.own}`, `appeal ${appeals.past}`, `appeal ${appeals.past}`].sort())
  })

  it("gives a head nothing of another organisation's appeal asked for by number", async () => {
    expect(await readable(manager, `&object_type=appeal&object_id=${appeals.other}`)).toEqual([])
    expect(await readable(manager, `&object_id=${appeals.other}`)).toEqual([])
    expect(await readable(admin, `&object_type=appeal&object_id=${appeals.other}`)).toEqual([`appeal ${appeals.other}`])
  })

  it.each(['user', 'deputy', 'organisation', 'category', 'routing-rule'])('refuses a head the rows of %s objects', async (objectType) => {
    await expectProblem(await manager.get(`/api/audit?object_type=${objectType}`), 403)
  })

  it.each(['user', 'deputy', 'organisation'])('refuses a moderator the rows of %s objects', async (objectType) => {
    await expectProblem(await moderator.get(`/api/audit?object_type=${objectType}`), 403)
  })

  it('refuses an executor the trail', async () => {
    await expectProblem(await executor.get('/api/audit'), 403)
  })
})
