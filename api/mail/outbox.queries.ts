import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { Mail } from './mail.ts'

/**
 * Queues mail in the caller's transaction: it is sent if and only if the change it reports
 * commits, and a failed send is retried, never lost.
 */
export async function enqueueMail(db: Kysely<DB>, mail: Mail): Promise<void> {
  await db
    .insertInto('outbox')
    .values({ kind: mail.kind, to_address: mail.to, subject: mail.subject, body: mail.body, headers: JSON.stringify(mail.headers ?? {}) })
    .execute()
}

/** A queued message claimed for sending. */
export interface ClaimedMail {
  id: number
  kind: string
  to_address: string
  subject: string
  body: string
  headers: Record<string, string>
  /** Attempts so far, this one included. */
  attempts: number
}

/**
 * Claims up to `batch` due messages with fewer than `maxAttempts` attempts (SKIP LOCKED, so
 * replicas share the work), counting the attempt and pushing the next one out first (30 s,
 * doubling), so that a crash mid-send retries later.
 */
export async function claimDueMail(db: Kysely<DB>, batch: number, maxAttempts: number): Promise<ClaimedMail[]> {
  const { rows } = await sql<ClaimedMail>`
    UPDATE outbox SET attempts = attempts + 1,
                      next_attempt_at = now() + make_interval(secs => 30 * power(2, attempts))
     WHERE id IN (SELECT id FROM outbox
                   WHERE sent_at IS NULL AND next_attempt_at <= now() AND attempts < ${maxAttempts}
                   ORDER BY id LIMIT ${batch} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, to_address, subject, body, headers, attempts`.execute(db)
  return rows
}

/** Records that a message went out. */
export async function markMailSent(db: Kysely<DB>, id: number): Promise<void> {
  await db.updateTable('outbox').set({ sent_at: sql<Date>`now()`, last_error: null }).where('id', '=', id).execute()
}

/** Records why the latest attempt to send a message failed. */
export async function recordMailError(db: Kysely<DB>, id: number, message: string): Promise<void> {
  await db.updateTable('outbox').set({ last_error: message }).where('id', '=', id).execute()
}
