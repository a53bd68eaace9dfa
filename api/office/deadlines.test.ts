import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { appealBody, postJson } from '../appeals/testing.ts'
import { hashPassword } from '../auth/index.ts'
import type { App } from '../index.ts'
import { makeApp } from '../testing.ts'
import { escalateOverdue, sendDeadlineDigests } from './deadlines.ts'

let database: Database
let app: App
const run = randomUUID().slice(0, 8)
const organisation = `test-deadlines-${run}`
const emails = { head: `head-${run}@example.org`, worker: `worker-${run}@example.org`, other: `other-${run}@example.org` }

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database, { trustProxy: true }))
  const db = database.db
  await sql`INSERT INTO organisations (id, city_id, kind, responsibility, name) VALUES (${organisation}, 'kyiv', 'department', 'test', '{"uk":"Тест","en":"Test"}')`.execute(db)
  const hash = await hashPassword(`pw-${run}-long-enough`)
  for (const [who, role] of [['head', 'manager'], ['worker', 'executor'], ['other', 'executor']] as const) {
    const { rows } = await sql<{ id: number }>`INSERT INTO users (email, name, password_hash, email_confirmed_at) VALUES (${emails[who]}, ${who}, ${hash}, now()) RETURNING id`.execute(db)
    await sql`INSERT INTO user_roles (user_id, role, organisation_id) VALUES (${rows[0]!.id}, ${role}, ${organisation})`.execute(db)
  }
})

afterAll(async () => {
  await database.close()
})

/** An appeal of the test organisation, due `dueInDays` from now (negative: overdue). */
async function appealDueIn(dueInDays: number, executorEmail?: string): Promise<string> {
  const res = await postJson(app, '/api/appeals', appealBody(), { 'X-Forwarded-For': `deadline-${randomUUID()}` })
  const { number } = (await res.json()) as { number: string }
  await sql`
    UPDATE appeals SET organisation_id = ${organisation}, status = 'assigned',
           due_at = now() + make_interval(secs => ${dueInDays * 86_400}),
           executor_id = (SELECT id FROM users WHERE email = ${executorEmail ?? null})
     WHERE number = ${number}`.execute(database.db)
  return number
}

async function mail(to: string) {
  return (await sql<{ kind: string; body: string }>`SELECT kind, body FROM outbox WHERE to_address = ${to} ORDER BY id`.execute(database.db)).rows
}

const scope = { organisations: [organisation] }

describe('escalation', () => {
  it('escalates an overdue appeal once: marked, on the timeline, in the trail, and mailed to the head', async () => {
    const late = await appealDueIn(-2)
    const onTime = await appealDueIn(5)
    expect(await escalateOverdue(database.db, 'https://map.example', scope)).toBe(1)
    expect(await escalateOverdue(database.db, 'https://map.example', scope)).toBe(0)
    const { rows } = await sql<{ number: string; escalated: boolean }>`SELECT number, escalated_at IS NOT NULL AS escalated FROM appeals WHERE number IN (${late}, ${onTime}) ORDER BY number`.execute(database.db)
    expect(Object.fromEntries(rows.map((r) => [r.number, r.escalated]))).toEqual({ [late]: true, [onTime]: false })
    const page = (await (await app.request(`/api/appeals/${late}`)).json()) as { timeline: Array<{ kind: string }> }
    expect(page.timeline.map((e) => e.kind)).toContain('escalated')
    const trail = await sql<{ actor: string; action: string }>`SELECT actor, action FROM audit_log WHERE object_id = ${late} AND action = 'escalate'`.execute(database.db)
    expect(trail.rows).toEqual([{ actor: 'system', action: 'escalate' }])
    const headMail = await mail(emails.head)
    expect(headMail.filter((m) => m.kind === 'appeal-escalated').map((m) => m.body)).toEqual([expect.stringContaining(`https://map.example/office/appeals/${late}`)])
    expect((await mail(emails.worker)).filter((m) => m.kind === 'appeal-escalated')).toHaveLength(0)
  })
})

describe('the daily digest', () => {
  it('goes once a day after 08:00 Kyiv time, to each executor with what is theirs or untaken, and to the head with all', async () => {
    const mine = await appealDueIn(1, emails.worker)
    const untaken = await appealDueIn(-1)
    const othersOwn = await appealDueIn(2, emails.other)
    const later = await appealDueIn(10, emails.worker)
    const early = new Date('2026-11-23T04:30:00Z') // 06:30 in Kyiv
    expect(await sendDeadlineDigests(database.db, 'https://map.example', scope, early)).toBe(0)
    const morning = new Date(Date.now() + 86_400_000 * 400) // a day no other run has used
    morning.setUTCHours(7, 0, 0, 0) // 09:00 in Kyiv
    // Due dates are relative to the real now; the digest is asked for later, so shift them with it.
    await sql`UPDATE appeals SET due_at = due_at + (${morning}::timestamptz - now()) WHERE organisation_id = ${organisation}`.execute(database.db)
    expect(await sendDeadlineDigests(database.db, 'https://map.example', scope, morning)).toBe(3)
    expect(await sendDeadlineDigests(database.db, 'https://map.example', scope, morning)).toBe(0)
    const [worker] = (await mail(emails.worker)).filter((m) => m.kind === 'deadline-digest')
    expect(worker!.body).toContain(mine)
    expect(worker!.body).toContain(untaken)
    expect(worker!.body).not.toContain(othersOwn)
    expect(worker!.body).not.toContain(later)
    const [head] = (await mail(emails.head)).filter((m) => m.kind === 'deadline-digest')
    for (const number of [mine, untaken, othersOwn]) expect(head!.body).toContain(number)
    expect(head!.body).not.toContain(later)
  })
})
