/**
 * Appeals written without a signal: kept on the device (IndexedDB, photos included) and sent
 * when the connection returns, each exactly once. Every queued appeal keeps the
 * `Idempotency-Key` of its form, so a send whose answer was lost, or a second tab sending the
 * same appeal, gets the first receipt instead of filing it twice; sends are also serialised
 * across tabs by a Web Lock where the browser has them.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import { ApiProblemError, type AppealReceipt, type Problem, submitAppeal } from '../api-client/index.ts'
import type { AppealSubmission } from '../api-client/index.ts'

/** An appeal waiting on this device. */
export interface QueuedAppeal {
  /** The form's Idempotency-Key: the appeal's identity until the server gives it a number. */
  key: string
  submission: AppealSubmission
  queuedAt: string
}

/** What became of a queued appeal. */
export type OutboxEvent =
  | { kind: 'queued'; key: string }
  | { kind: 'sent'; key: string; receipt: AppealReceipt }
  | { kind: 'refused'; key: string; problem: Problem; appeal: QueuedAppeal }

interface OutboxDb extends DBSchema {
  appeals: { key: string; value: QueuedAppeal }
}

const DB_NAME = 'hromada-outbox'
/** While appeals wait and the browser says it is online, a send is tried this often (a dead network that claims to be up). */
const RETRY_MS = 30_000

let database: Promise<IDBPDatabase<OutboxDb>> | undefined
const outbox = () =>
  (database ??= openDB<OutboxDb>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('appeals', { keyPath: 'key' })
    },
  }))

const listeners = new Set<(event: OutboxEvent) => void>()
const emit = (event: OutboxEvent) => listeners.forEach((listener) => listener(event))

/** Calls `listener` with what happens to queued appeals; returns the unsubscribe. */
export function onOutboxEvent(listener: (event: OutboxEvent) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The appeals waiting on this device, oldest first. */
export async function queuedAppeals(): Promise<QueuedAppeal[]> {
  const all = await (await outbox()).getAll('appeals')
  return all.sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))
}

/** Keeps an appeal on the device to be sent later. A second call with the same key replaces it. */
export async function queueAppeal(submission: AppealSubmission, key: string): Promise<void> {
  // Photos are Files, which IndexedDB stores as they are.
  await (await outbox()).put('appeals', { key, submission: { ...submission, photos: [...submission.photos] }, queuedAt: new Date().toISOString() })
  emit({ kind: 'queued', key })
}

/**
 * Whether a failed send may succeed later as it is: no network, or the server could not take
 * it now (5xx, 429). A refusal of the appeal itself (a 4xx) will not change by waiting.
 */
export function isRetryable(error: unknown): boolean {
  if (!(error instanceof ApiProblemError)) return true
  const status = error.problem.status
  return status === undefined || status >= 500 || status === 429 || status === 408
}

let sending: Promise<void> | undefined

/** Sends every queued appeal, oldest first, stopping at the first that cannot be sent yet. */
export function sendQueuedAppeals(): Promise<void> {
  sending ??= withOutboxLock(sendAll).finally(() => (sending = undefined))
  return sending
}

async function sendAll(): Promise<void> {
  for (const appeal of await queuedAppeals()) {
    try {
      const receipt = await submitAppeal(appeal.submission, appeal.key)
      await (await outbox()).delete('appeals', appeal.key)
      emit({ kind: 'sent', key: appeal.key, receipt })
    } catch (error) {
      if (isRetryable(error)) return
      await (await outbox()).delete('appeals', appeal.key)
      emit({ kind: 'refused', key: appeal.key, problem: (error as ApiProblemError).problem, appeal })
    }
  }
}

/** Runs `work` holding the outbox's lock across the browser's tabs, or alone where there are no Web Locks. */
async function withOutboxLock(work: () => Promise<void>): Promise<void> {
  const locks = (navigator as Navigator & { locks?: LockManager }).locks
  if (!locks) return work()
  await locks.request('hromada-outbox', work)
}

let started = false

/** Sends what waits now, whenever the connection returns, and now and then while appeals wait. */
export function startOutbox(): void {
  if (started || typeof indexedDB === 'undefined') return
  started = true
  const attempt = () => {
    if (navigator.onLine) void sendQueuedAppeals().catch((error: unknown) => console.warn('Queued appeals were not sent:', error))
  }
  window.addEventListener('online', attempt)
  window.setInterval(() => void queuedAppeals().then((waiting) => waiting.length > 0 && attempt()), RETRY_MS)
  attempt()
}
