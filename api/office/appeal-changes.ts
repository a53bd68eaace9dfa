import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { OPEN_STATUSES, type AppealStatus } from '../appeals/appeal-lifecycle.ts'
import { MAX_PHOTOS, PhotoRejected, processPhoto, redactPhoto, type PhotoRegion, type ProcessedPhoto } from '../appeals/photo-processing.ts'
import { discardStaged, promoteCommitted, type PhotoStore } from '../appeals/photo-store.ts'
import { writeAudit, type AuditChanges } from '../audit/audit-log.ts'
import type { Log } from '../http/access-log.ts'
import { HttpProblem, problems, type FieldError } from '../problems.ts'

/** Who changes an appeal, and the check that they may. */
export interface ChangeContext {
  actor: string
  userId: number
  organisationId: string | null
  guard: (appeal: LockedAppeal) => void
  /** Where to report photo files left for recovery; unset: not reported. */
  log?: Log | undefined
}

function logLeftOver(ctx: ChangeContext, errors: unknown[]): void {
  for (const error of errors) ctx.log?.('photo file left for recovery', { error: String(error) })
}

export interface LockedAppeal {
  id: number
  number: string
  city_id: string
  status: AppealStatus
  category_id: string
  organisation_id: string | null
  executor_id: number | null
  description: string
}

async function lockAppeal(trx: Transaction<DB>, number: string, ctx: ChangeContext): Promise<LockedAppeal> {
  const appeal = (
    await sql<LockedAppeal>`
      SELECT id, number, city_id, status, category_id, organisation_id, executor_id, description
        FROM appeals WHERE number = ${number} FOR UPDATE`.execute(trx)
  ).rows[0]
  if (!appeal) throw problems.notFound('appeal', number)
  ctx.guard(appeal)
  return appeal
}

async function publicEvent(trx: Transaction<DB>, appeal: LockedAppeal, ctx: ChangeContext, kind: string, reason: string | null = null): Promise<void> {
  await sql`
    INSERT INTO appeal_events (appeal_id, actor, organisation_id, kind, from_status, to_status, reason)
    VALUES (${appeal.id}, ${ctx.actor}, ${ctx.organisationId}, ${kind}, ${appeal.status}, ${appeal.status}, ${reason})`.execute(trx)
}

function refuseClosed(appeal: LockedAppeal, what: string): void {
  if (!OPEN_STATUSES.includes(appeal.status)) throw new HttpProblem('conflict', 409, `Appeal ${appeal.number} is ${appeal.status}; ${what} is only for open appeals`)
}

/**
 * Moves an appeal to the right category. The due date stays: the legal term runs from filing,
 * whatever the category turns out to be.
 */
export async function recategorise(db: Kysely<DB>, number: string, categoryId: string, ctx: ChangeContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await lockAppeal(trx, number, ctx)
    refuseClosed(appeal, 're-categorising')
    const category = (await sql<{ id: string }>`SELECT id FROM appeal_categories WHERE id = ${categoryId} AND active`.execute(trx)).rows[0]
    if (!category) throw problems.invalid(`No active category "${categoryId}"`, [{ field: 'body.category', message: 'unknown category' }])
    if (category.id === appeal.category_id) throw new HttpProblem('conflict', 409, `Appeal ${number} is already in "${categoryId}"`)
    await sql`UPDATE appeals SET category_id = ${category.id}, updated_at = now() WHERE id = ${appeal.id}`.execute(trx)
    await publicEvent(trx, appeal, ctx, 'recategorised')
    await writeAudit(trx, { actor: ctx.actor, action: 'recategorise', objectType: 'appeal', objectId: number, changes: { category_id: [appeal.category_id, category.id] } })
  })
}

/** Hands the appeal to another staff member of its organisation, or to nobody. */
export async function setExecutor(db: Kysely<DB>, number: string, executorId: number | null, ctx: ChangeContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await lockAppeal(trx, number, ctx)
    refuseClosed(appeal, 'reassigning')
    if (executorId !== null) {
      const member = await sql`
        SELECT 1 FROM user_roles WHERE user_id = ${executorId} AND role IN ('executor', 'manager') AND organisation_id = ${appeal.organisation_id}`.execute(trx)
      if (!member.rows.length) throw problems.invalid('The executor must be staff of the appeal\'s organisation', [{ field: 'body.executor', message: 'not staff of this organisation' }])
    }
    if (executorId === appeal.executor_id) return
    await sql`UPDATE appeals SET executor_id = ${executorId}, updated_at = now() WHERE id = ${appeal.id}`.execute(trx)
    await writeAudit(trx, { actor: ctx.actor, action: 'reassign', objectType: 'appeal', objectId: number, changes: { executor_id: [appeal.executor_id, executorId] } })
  })
}

/** An internal note: staff only, never on a public page or in mail. */
export async function addNote(db: Kysely<DB>, number: string, body: string, ctx: ChangeContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await lockAppeal(trx, number, ctx)
    const { rows } = await sql<{ id: number }>`INSERT INTO appeal_notes (appeal_id, author_id, body) VALUES (${appeal.id}, ${ctx.userId}, ${body}) RETURNING id`.execute(trx)
    // The note's text is kept in the notes table; the trail records that it was written.
    await writeAudit(trx, { actor: ctx.actor, action: 'note', objectType: 'appeal', objectId: number, changes: { note: [null, rows[0]!.id] } })
  })
}

/**
 * Photos of the work done, shown with the appeal. Checked and re-encoded like a resident's,
 * staged before the transaction and promoted after it, so a failure leaves no file or row;
 * a full or read-only photo store gives its 507 or 503 problem.
 */
export async function addWorkPhotos(db: Kysely<DB>, store: PhotoStore, number: string, uploads: Array<{ name: string; bytes: Uint8Array }>, ctx: ChangeContext): Promise<void> {
  if (!uploads.length) throw problems.invalid('Attach at least one photo', [{ field: 'body.photos', message: 'is required' }])
  if (uploads.length > MAX_PHOTOS) throw problems.invalid(`At most ${MAX_PHOTOS} photos at a time`, [{ field: 'body.photos', message: `at most ${MAX_PHOTOS}` }])
  const errors: FieldError[] = []
  const processed: ProcessedPhoto[] = []
  for (const [i, upload] of uploads.entries()) {
    try {
      processed.push(await processPhoto(upload.bytes, upload.name || `photo ${i + 1}`))
    } catch (err) {
      if (!(err instanceof PhotoRejected)) throw err
      errors.push({ field: `body.photos.${i}`, message: err.message })
    }
  }
  if (errors.length) throw problems.invalid(`A photo was not accepted: ${errors.map((e) => e.message).join('; ')}`, errors)
  const staged: string[] = []
  try {
    for (const photo of processed) staged.push(await store.stage(photo))
    await db.transaction().execute(async (trx) => {
      const appeal = await lockAppeal(trx, number, ctx)
      if (!['in_progress', 'extended', 'resolved'].includes(appeal.status)) {
        throw new HttpProblem('conflict', 409, `Work photos belong to an appeal in work or resolved, not ${appeal.status}`)
      }
      const { rows } = await sql<{ next: number; count: number }>`
        SELECT coalesce(max(position) + 1, 0)::int AS next, count(*)::int AS count FROM appeal_photos WHERE appeal_id = ${appeal.id} AND stage = 'work'`.execute(trx)
      if (rows[0]!.count + staged.length > 20 - MAX_PHOTOS) throw new HttpProblem('conflict', 409, 'This appeal has as many work photos as it can take')
      for (const [i, key] of staged.entries()) {
        const p = processed[i]!
        await sql`
          INSERT INTO appeal_photos (appeal_id, position, stage, storage_key, width, height, bytes)
          VALUES (${appeal.id}, ${rows[0]!.next + i}, 'work', ${key}, ${p.width}, ${p.height}, ${p.full.byteLength})`.execute(trx)
      }
      await publicEvent(trx, appeal, ctx, 'work-photos')
      await writeAudit(trx, { actor: ctx.actor, action: 'work-photos', objectType: 'appeal', objectId: number, changes: { work_photos: [rows[0]!.count, rows[0]!.count + staged.length] } })
    })
  } catch (err) {
    logLeftOver(ctx, await discardStaged(store, staged, err))
    throw err
  }
  logLeftOver(ctx, await promoteCommitted(store, staged))
}

/**
 * Removes personal data an author put where the public sees it: the description is replaced by
 * the moderator's edited text, and boxes are blacked out in photos. The trail records that and
 * why, but not the removed text, which would defeat the redaction.
 */
export async function redact(
  db: Kysely<DB>,
  store: PhotoStore,
  number: string,
  change: { description?: string | undefined; photos?: Array<{ id: number; regions: PhotoRegion[] }> | undefined; reason: string },
  ctx: ChangeContext,
): Promise<void> {
  const replaced: Array<{ id: number; oldKey: string; newKey: string; photo: ProcessedPhoto }> = []
  try {
    await db.transaction().execute(async (trx) => {
      const appeal = await lockAppeal(trx, number, ctx)
      const changes: AuditChanges = {}
      if (change.description !== undefined && change.description !== appeal.description) {
        await sql`UPDATE appeals SET description = ${change.description}, updated_at = now() WHERE id = ${appeal.id}`.execute(trx)
        changes.description = [`${appeal.description.length} characters`, `${change.description.length} characters`]
      }
      for (const [i, target] of (change.photos ?? []).entries()) {
        const row = (await sql<{ storage_key: string }>`SELECT storage_key FROM appeal_photos WHERE id = ${target.id} AND appeal_id = ${appeal.id} FOR UPDATE`.execute(trx)).rows[0]
        if (!row) throw problems.invalid(`Photo ${target.id} is not a photo of appeal ${number}`, [{ field: `body.photos.${i}.id`, message: 'not a photo of this appeal' }])
        const original = await store.read(row.storage_key, 'full')
        if (!original) throw new HttpProblem('conflict', 409, `The file of photo ${target.id} is missing`)
        const photo = await redactPhoto(original, target.regions)
        const newKey = await store.stage(photo)
        replaced.push({ id: target.id, oldKey: row.storage_key, newKey, photo })
        await sql`UPDATE appeal_photos SET storage_key = ${newKey}, width = ${photo.width}, height = ${photo.height}, bytes = ${photo.full.byteLength} WHERE id = ${target.id}`.execute(trx)
        changes[`photo_${target.id}`] = ['original', `${target.regions.length} region(s) blacked out`]
      }
      if (!Object.keys(changes).length) throw new HttpProblem('conflict', 409, 'Nothing to redact: the description is unchanged and no photo region was given')
      changes.reason = [null, change.reason]
      await publicEvent(trx, appeal, ctx, 'redacted')
      await writeAudit(trx, { actor: ctx.actor, action: 'redact', objectType: 'appeal', objectId: number, changes })
    })
  } catch (err) {
    logLeftOver(ctx, await discardStaged(store, replaced.map((r) => r.newKey), err))
    throw err
  }
  logLeftOver(ctx, await promoteCommitted(store, replaced.map((r) => r.newKey)))
  // The original must not outlive its redaction: one that cannot be removed now is one no row
  // names, which `recover` removes at the next start.
  const removed = await Promise.allSettled(replaced.map((r) => store.remove(r.oldKey)))
  logLeftOver(ctx, removed.flatMap((r) => (r.status === 'rejected' ? [r.reason] : [])))
}
