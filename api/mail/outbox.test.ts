import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { folderTransport, sendDueMail, type MailTransport } from './outbox.ts'
import { enqueueMail } from './outbox.queries.ts'

let database: Database
beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database.close()
})

async function row(to: string) {
  return (await sql<{ attempts: number; sent_at: Date | null; last_error: string | null; retry_in: number }>`
    SELECT attempts, sent_at, last_error, extract(epoch FROM next_attempt_at - now())::int AS retry_in FROM outbox WHERE to_address = ${to}`.execute(database.db)).rows[0]!
}

describe('the mail outbox', () => {
  it('writes .eml files when there is no SMTP server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hromada-outbox-'))
    const to = `eml-${Date.now()}@example.com`
    await enqueueMail(database.db, { kind: 'test', to, subject: 'Звернення KYIV-2026-000001: Вирішене', body: 'Яму залатано.\n' })
    const log: string[] = []
    while (!(await row(to)).sent_at) await sendDueMail(database.db, folderTransport(dir), 'Hromada Map <no-reply@map.test>', (l) => log.push(l), 500)
    const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'))
    const eml = files.find((f) => f.includes(`To: ${to}`))!
    expect(eml).toMatch(/^From: Hromada Map <no-reply@map\.test>$/m)
    expect(eml).toMatch(/^Subject: =\?UTF-8\?/m)
    expect(eml).toContain('Content-Type: text/plain; charset=utf-8')
  })

  it('keeps a message whose send failed and retries it later with backoff', async () => {
    const to = `fail-${Date.now()}@example.com`
    await enqueueMail(database.db, { kind: 'test', to, subject: 'retry', body: 'x' })
    let failing = true
    const sent: string[] = []
    const flaky: MailTransport = {
      describe: 'flaky',
      async send(mail) {
        if (mail.to === to && failing) throw new Error('connection refused')
        sent.push(mail.to)
      },
    }
    const log: string[] = []
    while ((await row(to)).attempts === 0) await sendDueMail(database.db, flaky, 'x@map.test', (l) => log.push(l), 500)
    const failed = await row(to)
    expect(failed).toMatchObject({ attempts: 1, sent_at: null, last_error: 'connection refused' })
    expect(failed.retry_in).toBeGreaterThan(20)
    expect(log.join('\n')).not.toContain(to)
    // Not due yet: nothing happens to it.
    await sendDueMail(database.db, flaky, 'x@map.test', () => {}, 500)
    expect((await row(to)).attempts).toBe(1)
    await sql`UPDATE outbox SET next_attempt_at = now() WHERE to_address = ${to}`.execute(database.db)
    failing = false
    while (!(await row(to)).sent_at) await sendDueMail(database.db, flaky, 'x@map.test', () => {}, 500)
    expect(await row(to)).toMatchObject({ attempts: 2, last_error: null })
    expect(sent).toContain(to)
  })
})
