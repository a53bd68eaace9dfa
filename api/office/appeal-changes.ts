import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import {
  discardStaged,
  insertAppealEvent,
  insertAppealPhotos,
  MAX_PHOTOS,
  OPEN_STATUSES,
  type PhotoRegion,
  PhotoRejected,
  type PhotoStore,
  type ProcessedPhoto,
  processPhoto,
  promoteCommitted,
  redactPhoto,
  updateAppeal,
} from '../appeals/index.ts'
import { writeAudit, type AuditChanges } from '../audit/index.ts'
import { type FieldError, HttpProblem, type Log, problems } from '../http/index.ts'
import { insertNote, isActiveCategory, isOrganisationStaff, type LockedAppeal, lockAppealForChange, lockAppealPhotoKey, replacePhotoFile, workPhotoSlots } from './office.queries.ts'

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

async function lockAppeal(trx: Transaction<DB>, number: string, ctx: ChangeContext): Promise<LockedAppeal> {
  const appeal = await lockAppealForChange(trx, number)
  if (!appeal) throw problems.notFound('appeal', number)
  ctx.guard(appeal)
  return appeal
}

async function publicEvent(trx: Transaction<DB>, appeal: LockedAppeal, ctx: ChangeContext, kind: string, reason: string | null = null): Promise<void> {
  await insertAppealEvent(trx, { appeal_id: appeal.id, actor: ctx.actor, organisation_id: ctx.organisationId, kind, from_status: appeal.status, to_status: appeal.status, reason })
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
    if (!(await isActiveCategory(trx, categoryId))) throw problems.invalid(`No active category "${categoryId}"`, [{ field: 'body.category', message: 'unknown category' }])
    if (categoryId === appeal.category_id) throw new HttpProblem('conflict', 409, `Appeal ${number} is already in "${categoryId}"`)
    await updateAppeal(trx, appeal.id, { category_id: categoryId })
    await publicEvent(trx, appeal, ctx, 'recategorised')
    await writeAudit(trx, { actor: ctx.actor, action: 'recategorise', objectType: 'appeal', objectId: number, changes: { category_id: [appeal.category_id, categoryId] } })
  })
}

/** Hands the appeal to another staff member of its organisation, or to nobody. */
export async function setExecutor(db: Kysely<DB>, number: string, executorId: number | null, ctx: ChangeContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await lockAppeal(trx, number, ctx)
    refuseClosed(appeal, 'reassigning')
    if (executorId !== null && !(await isOrganisationStaff(trx, executorId, appeal.organisation_id))) {
      throw problems.invalid('The executor must be staff of the appeal\'s organisation', [{ field: 'body.executor', message: 'not staff of this organisation' }])
    }
    if (executorId === appeal.executor_id) return
    await updateAppeal(trx, appeal.id, { executor_id: executorId })
    await writeAudit(trx, { actor: ctx.actor, action: 'reassign', objectType: 'appeal', objectId: number, changes: { executor_id: [appeal.executor_id, executorId] } })
  })
}

/** An internal note: staff only, never on a public page or in mail. */
export async function addNote(db: Kysely<DB>, number: string, body: string, ctx: ChangeContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const appeal = await lockAppeal(trx, number, ctx)
    const noteId = await insertNote(trx, appeal.id, ctx.userId, body)
    // The note's text is kept in the notes table; the trail records that it was written.
    await writeAudit(trx, { actor: ctx.actor, action: 'note', objectType: 'appeal', objectId: number, changes: { note: [null, noteId] } })
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
      const slots = await workPhotoSlots(trx, appeal.id)
      if (slots.count + staged.length > 20 - MAX_PHOTOS) throw new HttpProblem('conflict', 409, 'This appeal has as many work photos as it can take')
      await insertAppealPhotos(
        trx,
        appeal.id,
        staged.map((key, i) => {
          const p = processed[i]!
          return { position: slots.next + i, stage: 'work', storageKey: key, width: p.width, height: p.height, bytes: p.full.byteLength }
        }),
      )
      await publicEvent(trx, appeal, ctx, 'work-photos')
      await writeAudit(trx, { actor: ctx.actor, action: 'work-photos', objectType: 'appeal', objectId: number, changes: { work_photos: [slots.count, slots.count + staged.length] } })
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
        await updateAppeal(trx, appeal.id, { description: change.description })
        changes.description = [`${appeal.description.length} characters`, `${change.description.length} characters`]
      }
      for (const [i, target] of (change.photos ?? []).entries()) {
        const oldKey = await lockAppealPhotoKey(trx, appeal.id, target.id)
        if (oldKey === undefined) throw problems.invalid(`Photo ${target.id} is not a photo of appeal ${number}`, [{ field: `body.photos.${i}.id`, message: 'not a photo of this appeal' }])
        const original = await store.read(oldKey, 'full')
        if (!original) throw new HttpProblem('conflict', 409, `The file of photo ${target.id} is missing`)
        const photo = await redactPhoto(original, target.regions)
        const newKey = await store.stage(photo)
        replaced.push({ id: target.id, oldKey, newKey, photo })
        await replacePhotoFile(trx, target.id, { storageKey: newKey, width: photo.width, height: photo.height, bytes: photo.full.byteLength })
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
