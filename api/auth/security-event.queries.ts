import { createHmac, randomBytes } from 'node:crypto'
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { SecurityEventQuery } from '../contract/index.ts'
import type { SecurityClient, SecurityEvent } from './security-events.ts'

const KEY_SETTING = 'security-events-key'

let installationKey: Promise<Buffer> | undefined

async function loadEmailHashKey(db: Kysely<DB>): Promise<Buffer> {
  await db
    .insertInto('app_settings')
    .values({ key: KEY_SETTING, value: JSON.stringify(randomBytes(32).toString('base64url')) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute()
  const { value } = await db.selectFrom('app_settings').select('value').where('key', '=', KEY_SETTING).executeTakeFirstOrThrow()
  if (typeof value !== 'string') throw new Error(`app_settings "${KEY_SETTING}" is not a string`)
  return Buffer.from(value, 'base64url')
}

/**
 * The key of the e-mail hashes: random, made once per installation and kept in `app_settings`,
 * so that the same address gives the same hash across restarts and replicas (repeated attempts
 * on one address can be told apart) while the log shows no address to whoever reads it. It is
 * remembered only when read outside a transaction, which might still roll back.
 */
function emailHashKey(db: Kysely<DB>): Promise<Buffer> {
  if (db.isTransaction) return installationKey ?? loadEmailHashKey(db)
  installationKey ??= loadEmailHashKey(db).catch((err: unknown) => {
    installationKey = undefined
    throw err
  })
  return installationKey
}

/** The keyed hash of an e-mail address as the log keeps it (HMAC-SHA-256, 128 bits, base64url). */
export async function securityEmailHash(db: Kysely<DB>, email: string): Promise<string> {
  const key = await emailHashKey(db)
  return createHmac('sha256', key).update(email.trim().toLowerCase()).digest().subarray(0, 16).toString('base64url')
}

/**
 * Appends an event to the security log; pass the transaction of the action where there is one,
 * so that the action and its record commit together. `client` is null for work no request did.
 */
export async function recordSecurityEvent(db: Kysely<DB> | Transaction<DB>, client: SecurityClient | null, event: SecurityEvent): Promise<void> {
  const accountId = event.accountId ?? null
  const emailHash = accountId === null && event.email ? await securityEmailHash(db, event.email) : null
  const address = client?.address ?? null
  const once = event.oncePerSeconds
    ? sql`AND NOT EXISTS (SELECT 1 FROM security_events WHERE kind = ${event.kind} AND occurred_at > now() - make_interval(secs => ${event.oncePerSeconds})
            AND account_id IS NOT DISTINCT FROM ${accountId}::bigint AND email_hash IS NOT DISTINCT FROM ${emailHash}::text
            AND client_address IS NOT DISTINCT FROM ${address}::text)`
    : sql``
  await sql`
    INSERT INTO security_events (kind, account_id, email_hash, client_address, user_agent, details)
    SELECT ${event.kind}, ${accountId}::bigint, ${emailHash}::text, ${address}::text, ${client?.userAgent ?? null}::text, ${JSON.stringify(event.details ?? {})}::jsonb
     WHERE true ${once}`.execute(db)
}

/** How long events are kept; the table refuses to delete younger rows (migration 010). */
export const SECURITY_EVENT_RETENTION_DAYS = 180

/** Deletes the events older than the retention period; returns how many went. */
export async function pruneSecurityEvents(db: Kysely<DB>): Promise<number> {
  const { numAffectedRows } = await sql`DELETE FROM security_events WHERE occurred_at < now() - make_interval(days => ${SECURITY_EVENT_RETENTION_DAYS})`.execute(db)
  return Number(numAffectedRows ?? 0)
}

/** One row of the security log as administrators read it. */
export type SecurityEventEntry = Selectable<DB['security_events']>

/** A page of the security log, newest first, filtered as `SecurityEventQuery` of the contract says; `total` counts every match. */
export async function listSecurityEvents(db: Kysely<DB>, q: SecurityEventQuery): Promise<{ total: number; items: SecurityEventEntry[] }> {
  let matches = db.selectFrom('security_events')
  if (q.kind) matches = matches.where('kind', '=', q.kind)
  if (q.account !== undefined) matches = matches.where('account_id', '=', q.account)
  if (q.from) matches = matches.where('occurred_at', '>=', q.from)
  if (q.to) matches = matches.where('occurred_at', '<', q.to)
  const { total } = await matches.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const items = await matches
    .selectAll()
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .limit(q.limit)
    .offset((q.page - 1) * q.limit)
    .execute()
  return { total, items }
}
