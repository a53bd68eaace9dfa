import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { expectProblem, makeApp, type TestApp } from '../testing.ts'
import { addDays } from './appeal-lifecycle.ts'
import { applyAppealAction } from './appeal-status.ts'
import { appealBody, postJson } from './appeal-test-helpers.ts'

let database: Database
let app: TestApp['app']
const ctx = { actor: 'user:test', baseUrl: 'http://map.test' }

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

async function file(email = 'author@example.com'): Promise<{ number: string; tracking_url: string }> {
  const res = await postJson(app, '/api/appeals', appealBody({ contact: { email }, locale: 'en' }))
  expect(res.status).toBe(201)
  return (await res.json()) as { number: string; tracking_url: string }
}

async function mailTo(email: string): Promise<Array<{ kind: string; subject: string; body: string }>> {
  return (await sql<{ kind: string; subject: string; body: string }>`SELECT kind, subject, body FROM outbox WHERE to_address = ${email} ORDER BY id`.execute(database.db)).rows
}

describe('working an appeal through its lifecycle', () => {
  it('records each step on the public timeline, in the audit trail and in the author\'s mail', async () => {
    const email = `path-${Date.now()}@example.com`
    const { number, tracking_url } = await file(email)
    await applyAppealAction(database.db, number, { kind: 'register' }, ctx)
    await applyAppealAction(database.db, number, { kind: 'assign', organisationId: 'kyiv-roads' }, { ...ctx, organisationId: 'kyiv-roads', response: 'Передано до департаменту' })
    await applyAppealAction(database.db, number, { kind: 'start' }, { ...ctx, organisationId: 'kyiv-roads', response: 'Бригада виїхала' })
    const created = (await sql<{ created_at: Date }>`SELECT created_at FROM appeals WHERE number = ${number}`.execute(database.db)).rows[0]!.created_at
    await applyAppealAction(database.db, number, { kind: 'extend', dueAt: addDays(created, 45), reason: 'Потрібен асфальт' }, { ...ctx, organisationId: 'kyiv-roads' })
    await applyAppealAction(database.db, number, { kind: 'resolve' }, { ...ctx, organisationId: 'kyiv-roads', response: 'Яму залатано' })

    const page = (await (await app.request(`/api/appeals/${number}`)).json()) as { status: string; resolved_at: string; due_at: string; timeline: Array<{ kind: string; status: string; response: string | null; reason: string | null; organisation: { id: string } | null }> }
    expect(page.status).toBe('resolved')
    expect(page.resolved_at).toBeTruthy()
    expect(new Date(page.due_at).getTime()).toBe(addDays(created, 45).getTime())
    expect(page.timeline.map((e) => e.status)).toEqual(['new', 'registered', 'assigned', 'in_progress', 'extended', 'resolved'])
    expect(page.timeline.find((e) => e.kind === 'extended')?.reason).toBe('Потрібен асфальт')
    expect(page.timeline.at(-1)).toMatchObject({ response: 'Яму залатано', organisation: { id: 'kyiv-roads' } })

    const audit = (await sql<{ action: string; changes: Record<string, unknown[]> }>`SELECT action, changes FROM audit_log WHERE object_type = 'appeal' AND object_id = ${number} ORDER BY id`.execute(database.db)).rows
    expect(audit.map((a) => a.action)).toEqual(['create', 'register', 'assign', 'start', 'extend', 'resolve'])
    expect(audit[2]!.changes.status).toEqual(['registered', 'assigned'])
    expect(audit[4]!.changes.due_at?.[1]).toBe(addDays(created, 45).toISOString())

    const mail = await mailTo(email)
    expect(mail.map((m) => m.kind)).toEqual(['appeal-receipt', 'appeal-registered', 'appeal-assigned', 'appeal-in_progress', 'appeal-extended', 'appeal-resolved'])
    expect(mail.find((m) => m.kind === 'appeal-extended')!.body).toMatch(/new due date/)
    expect(mail.at(-1)!.body).toContain('Яму залатано')

    // The author confirms with the private link; a second confirmation is refused.
    const track = new URL(tracking_url).pathname.replace('/appeals/', '/api/appeals/')
    const confirm = await postJson(app, `${track}/confirm`, {})
    expect(await confirm.json()).toEqual({ number, status: 'resolved' })
    await expectProblem(await postJson(app, `${track}/confirm`, {}), 409)
    await expectProblem(await postJson(app, `${track}/reopen`, { reason: 'ні' }), 409)
  })

  it('lets the author reopen a resolved appeal with a reason', async () => {
    const { number, tracking_url } = await file()
    for (const action of [{ kind: 'register' }, { kind: 'assign', organisationId: 'kyiv-roads' }, { kind: 'resolve' }] as const) {
      await applyAppealAction(database.db, number, action, ctx)
    }
    const track = new URL(tracking_url).pathname.replace('/appeals/', '/api/appeals/')
    await expectProblem(await postJson(app, `${track}/reopen`, {}), 400)
    const res = await postJson(app, `${track}/reopen`, { reason: 'Яма знову є' })
    expect(await res.json()).toEqual({ number, status: 'in_progress' })
    const row = (await sql<{ reopen_count: number; resolved_at: Date | null }>`SELECT reopen_count, resolved_at FROM appeals WHERE number = ${number}`.execute(database.db)).rows[0]!
    expect(row).toEqual({ reopen_count: 1, resolved_at: null })
  })

  it('refuses transitions that make no sense, and changes nothing', async () => {
    const { number } = await file()
    await expect(applyAppealAction(database.db, number, { kind: 'resolve' }, ctx)).rejects.toMatchObject({ status: 409 })
    await expect(applyAppealAction(database.db, number, { kind: 'assign', organisationId: 'kharkiv-roads' }, ctx)).rejects.toMatchObject({ status: 400 })
    await expect(applyAppealAction(database.db, 'KYIV-1999-000001', { kind: 'register' }, ctx)).rejects.toMatchObject({ status: 404 })
    const row = (await sql<{ status: string; events: number }>`SELECT status, (SELECT count(*)::int FROM appeal_events e WHERE e.appeal_id = a.id) AS events FROM appeals a WHERE number = ${number}`.execute(database.db)).rows[0]!
    expect(row).toEqual({ status: 'new', events: 1 })
  })

  it('marks a duplicate of another appeal and takes it off the map', async () => {
    const original = await file()
    const copy = await file()
    const originalId = (await sql<{ id: number }>`SELECT id FROM appeals WHERE number = ${original.number}`.execute(database.db)).rows[0]!.id
    await applyAppealAction(database.db, copy.number, { kind: 'mark-duplicate', duplicateOf: originalId }, ctx)
    const page = (await (await app.request(`/api/appeals/${copy.number}`)).json()) as { status: string; duplicate_of: string }
    expect(page).toMatchObject({ status: 'duplicate', duplicate_of: original.number })
    const feature = (await sql<{ feature_id: number | null }>`SELECT feature_id FROM appeals WHERE number = ${copy.number}`.execute(database.db)).rows[0]!
    expect(feature.feature_id).toBeNull()
  })

  it('computes overdue from the due date', async () => {
    const { number } = await file()
    await sql`UPDATE appeals SET due_at = now() - interval '1 day' WHERE number = ${number}`.execute(database.db)
    expect(((await (await app.request(`/api/appeals/${number}`)).json()) as { overdue: boolean }).overdue).toBe(true)
    const overdue = (await (await app.request('/api/appeals?city=kyiv&overdue=true&limit=500')).json()) as { appeals: Array<{ number: string; overdue: boolean }> }
    expect(overdue.appeals.map((a) => a.number)).toContain(number)
    expect(overdue.appeals.every((a) => a.overdue)).toBe(true)
  })
})
