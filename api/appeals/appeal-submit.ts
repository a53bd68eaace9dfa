import { createHash } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { writeAudit } from '../audit/index.ts'
import { type FieldError, HttpProblem, type Log, problems } from '../http/index.ts'
import { findDeputyAt } from '../deputies/index.ts'
import { nearestAddress } from '../../layers/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { type AppealCategory, checkAnswers } from './appeal-categories.ts'
import { findCategory } from './appeal-category.queries.ts'
import { addDays } from './appeal-lifecycle.ts'
import { appealPageUrl, trackingPageUrl } from './appeal-links.ts'
import { digest, newToken } from '../auth/index.ts'
import { alertMail, deputyMail, receiptMail } from './appeal-mail.ts'
import { subscriptionLinks } from './appeal-subscriptions.ts'
import {
  type AppealLocation,
  type AppealObject,
  claimIdempotencyKey,
  countAppealOfYear,
  filingClock,
  findAppealObject,
  findIdempotencyRecord,
  insertAppeal,
  locateAppeal,
  storeIdempotentReceipt,
} from './appeal-submit.queries.ts'
import type { AppealReceipt, AppealSubmissionBody } from '../contract/index.ts'
import { insertAppealEvent, insertAppealPhotos } from './appeal.queries.ts'
import { MAX_PHOTOS, PhotoRejected, processPhoto, type ProcessedPhoto } from './photo-processing.ts'
import { discardStaged, promoteCommitted, type PhotoStore } from './photo-store.ts'
import { alertSubscribersOf } from './subscription.queries.ts'

/** What the resident gets back at once: the API contract's receipt. */
export type { AppealReceipt }

/** An uploaded file as it arrived. */
export interface Upload {
  name: string
  bytes: Uint8Array
}


export interface SubmitOptions {
  store: PhotoStore
  baseUrl: string
  source: 'web' | 'open311'
  idempotencyKey?: string | undefined
  /** Who files it, for the audit trail: `resident`, `open311:<client>`. */
  actor: string
  /** The signed-in account that files it, so it is listed among the account's own appeals. */
  accountId?: number | undefined
  /**
   * Runs once it is known that the request is not a replay, before anything is checked or
   * written: the rate limit, so that a retry that gets its stored receipt does not count.
   */
  admit?: (() => Promise<void>) | undefined
  /** Where to report photo files left staged for recovery; unset: not reported. */
  log?: Log | undefined
}

// Far deeper than any answer to a question; far shallower than what would overflow the stack.
const MAX_ANSWER_DEPTH = 32

/** Whether `value` nests at most `limit` arrays or objects deep. Iterative: safe at any depth. */
function nestsWithin(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  for (let item = stack.pop(); item; item = stack.pop()) {
    if (item.value === null || typeof item.value !== 'object') continue
    if (item.depth >= limit) return false
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 })
  }
  return true
}

function requestHash(body: AppealSubmissionBody, uploads: Upload[]): string {
  // Checked first: JSON.stringify recurses, and a 10,000-level answer would overflow the stack.
  if (!nestsWithin(body.answers, MAX_ANSWER_DEPTH)) {
    throw problems.invalid(`The answers nest deeper than ${MAX_ANSWER_DEPTH} levels`, [{ field: 'body.answers', message: `must not nest deeper than ${MAX_ANSWER_DEPTH} levels` }])
  }
  const h = createHash('sha256').update(JSON.stringify({ ...body, website: undefined }))
  for (const u of uploads) h.update(createHash('sha256').update(u.bytes).digest())
  return h.digest('hex')
}

async function replay(db: Kysely<DB>, key: string, hash: string): Promise<AppealReceipt | undefined> {
  const row = await findIdempotencyRecord(db, key)
  if (!row?.response) return undefined
  if (row.request_hash !== hash) {
    throw new HttpProblem('conflict', 422, 'This Idempotency-Key was already used for a different request')
  }
  return row.response
}

class AlreadySubmitted extends Error {}

/** The object an appeal names, if it is one residents may report about in the appeal's city; else an error is added. */
async function checkObject(db: Kysely<DB>, body: AppealSubmissionBody, errors: FieldError[]): Promise<AppealObject | null> {
  const ref = body.object!
  const object = await findAppealObject(db, ref.layer, ref.feature_id, body.lon, body.lat)
  const problem = !object
    ? `no feature ${ref.feature_id} in a public layer "${ref.layer}"`
    : object.city_id !== body.city
      ? `the layer "${ref.layer}" is not in ${body.city}`
      : !object.accepts_appeals
        ? `the layer "${ref.layer}" does not take appeals about its objects`
        : null
  if (problem) {
    errors.push({ field: 'body.object', message: problem })
    return null
  }
  return object!
}

/**
 * Files an appeal: checks it (category, answers, the point inside the city), re-encodes the
 * photos, stages them, then writes the appeal, its first event, its photos, the audit row,
 * the receipt and alert mail, and the idempotency record in one transaction. The photos are
 * promoted only after the commit, so a crash leaves either the whole appeal or nothing.
 * With an `Idempotency-Key`, a retry returns the first receipt and `replayed: true`. When the
 * photo store is full or read-only the photos' problem (507, 503) is thrown and nothing is kept.
 */
export async function submitAppeal(db: Kysely<DB>, body: AppealSubmissionBody, uploads: Upload[], options: SubmitOptions): Promise<{ receipt: AppealReceipt; replayed: boolean }> {
  const hash = requestHash(body, uploads)
  const key = options.idempotencyKey
  if (key) {
    const earlier = await replay(db, key, hash)
    if (earlier) return { receipt: earlier, replayed: true }
  }
  await options.admit?.()
  const errors: FieldError[] = []
  const category = await findCategory(db, body.category)
  if (!category) errors.push({ field: 'body.category', message: `no appeal category "${body.category}"` })
  const object = body.object ? await checkObject(db, body, errors) : null
  // An appeal about an object is placed on the object.
  const place = object ? { lon: object.lon, lat: object.lat } : { lon: body.lon, lat: body.lat }
  const where = await locateAppeal(db, body.city, body.category, place.lon, place.lat, object ? { layer: object.layer, featureId: object.feature_id } : undefined)
  if (!where) errors.push({ field: 'body.city', message: `no city "${body.city}"` })
  else if (!where.inside) {
    const hint = where.swapped_inside ? ' (latitude and longitude look swapped)' : ''
    errors.push({ field: 'body.lat', message: `the point ${body.lat}, ${body.lon} is outside ${where.city_name.en}${hint}` })
  }
  const checked = category ? checkAnswers(category, body.answers ?? {}) : { answers: {}, errors: [] }
  errors.push(...checked.errors)
  if (uploads.length > MAX_PHOTOS) errors.push({ field: 'body.photos', message: `at most ${MAX_PHOTOS} photos` })
  if (body.show_name && !body.contact?.name) errors.push({ field: 'body.show_name', message: 'there is no name to show' })
  let deputy: AddressedDeputy | null = null
  if (body.to_deputy && where?.inside) {
    const addressee = await findDeputyAt(db, body.city, place.lon, place.lat)
    if (addressee?.deputy) deputy = addressee.deputy
    else errors.push({ field: 'body.to_deputy', message: addressee ? `${addressee.district.name} has no deputy` : 'no electoral district here' })
  }
  if (errors.length || !category || !where) throw problems.invalid(`The appeal cannot be filed: ${errors.map((e) => e.message).join('; ')}`, errors)
  // The gazetteer's nearest address names the place for the executor and on the receipt.
  const address = (await nearestAddress(db, body.city, place.lon, place.lat))?.title ?? null

  const processed: ProcessedPhoto[] = []
  for (const [i, upload] of uploads.entries()) {
    try {
      processed.push(await processPhoto(upload.bytes, upload.name || `photo ${i + 1}`))
    } catch (err) {
      if (err instanceof PhotoRejected) errors.push({ field: `body.photos.${i}`, message: err.message })
      else throw err
    }
  }
  if (errors.length) throw problems.invalid(`A photo was not accepted: ${errors.map((e) => e.message).join('; ')}`, errors)

  const staged: string[] = []
  let receipt: AppealReceipt
  try {
    for (const photo of processed) staged.push(await options.store.stage(photo))
    const photos = staged.map((storageKey, i) => ({ storageKey, photo: processed[i]! }))
    const appeal: CheckedAppeal = { body, answers: checked.answers, category, where, address, place, object, deputy, photos, requestHash: hash, options }
    receipt = await db.transaction().execute((trx) => writeAppeal(trx, appeal))
  } catch (err) {
    for (const left of await discardStaged(options.store, staged, err)) options.log?.('photo left staged for recovery', { error: String(left) })
    if (err instanceof AlreadySubmitted && key) {
      const earlier = await replay(db, key, hash)
      if (earlier) return { receipt: earlier, replayed: true }
    }
    throw err
  }
  // Committed: the appeal stands even if its files cannot be moved now.
  for (const left of await promoteCommitted(options.store, staged)) options.log?.('photo left staged for recovery', { error: String(left) })
  return { receipt, replayed: false }
}

/** The deputy an appeal is addressed to. */
interface AddressedDeputy {
  id: number
  email: string | null
}

/** An appeal that passed every check, with what the checks found, ready to be written. */
interface CheckedAppeal {
  body: AppealSubmissionBody
  /** The answers to the category's questions, normalised. */
  answers: Record<string, unknown>
  category: AppealCategory
  where: AppealLocation
  /** The gazetteer's address nearest the place, if one is near enough. */
  address: string | null
  /** Where it is: the resident's point, or the nearest point of the object it is about. */
  place: { lon: number; lat: number }
  /** The object it is about, if any. */
  object: AppealObject | null
  /** The deputy the resident addressed (`to_deputy`), else null. */
  deputy: AddressedDeputy | null
  /** The photos, re-encoded and staged, in the resident's order. */
  photos: Array<{ storageKey: string; photo: ProcessedPhoto }>
  requestHash: string
  options: SubmitOptions
}

/**
 * Writes a checked appeal in the caller's transaction: its number, row, first event, photos,
 * audit row, mail (receipt, alerts, deputy) and idempotency record. Returns the receipt;
 * throws `AlreadySubmitted` when a request with the same key committed first.
 */
async function writeAppeal(trx: Transaction<DB>, appeal: CheckedAppeal): Promise<AppealReceipt> {
  const { body, category, where, address, place, object, deputy, photos, options } = appeal
  const key = options.idempotencyKey
  // Waits for a concurrent request with the same key; if that one committed, this one yields.
  if (key && !(await claimIdempotencyKey(trx, key, appeal.requestHash))) throw new AlreadySubmitted()
  // Read once, at JavaScript's millisecond precision, so that due_at − created_at is exactly the term.
  const now = await filingClock(trx)
  const ordinal = await countAppealOfYear(trx, body.city, now.year)
  const number = `${where.city_code}-${now.year}-${String(ordinal).padStart(6, '0')}`
  const token = newToken()
  const dueAt = addDays(now.now, category.termDays)
  const contact = body.contact ?? {}
  const { id: appealId, featureId } = await insertAppeal(trx, {
    number,
    city_id: body.city,
    category_id: body.category,
    district_id: where.district_id,
    organisation_id: where.organisation_id,
    description: body.description,
    answers: JSON.stringify(appeal.answers),
    address,
    lon: place.lon,
    lat: place.lat,
    object_layer_id: object?.layer ?? null,
    object_feature_id: object?.feature_id ?? null,
    object_layer_version: object?.layer_version ?? null,
    object_label: object?.label ?? null,
    is_public: body.public,
    show_name: body.show_name,
    contact_name: contact.name ?? null,
    contact_email: contact.email ?? null,
    contact_phone: contact.phone ?? null,
    locale: body.locale,
    tracking_token_hash: digest(token),
    source: options.source,
    due_at: dueAt,
    created_at: now.now,
    deputy_id: deputy?.id ?? null,
    account_id: options.accountId ?? null,
  })
  await insertAppealEvent(trx, { appeal_id: appealId, at: now.now, actor: options.actor, kind: 'created', to_status: 'new', due_at: dueAt })
  await insertAppealPhotos(
    trx,
    appealId,
    photos.map(({ storageKey, photo }, position) => ({ position, stage: 'report', storageKey, width: photo.width, height: photo.height, bytes: photo.full.byteLength })),
  )
  // The audit row records what was filed, without the contact details.
  await writeAudit(trx, {
    actor: options.actor,
    action: 'create',
    objectType: 'appeal',
    objectId: number,
    changes: {
      status: [null, 'new'],
      category: [null, body.category],
      district: [null, where.district],
      organisation: [null, where.organisation_id],
      public: [null, body.public],
      photos: [null, photos.length],
      ...(object ? { object: [null, `${object.layer}/${object.feature_id}`] as const } : {}),
      ...(deputy ? { deputy: [null, deputy.id] as const } : {}),
    },
  })
  const url = appealPageUrl(options.baseUrl, number)
  const trackingUrl = trackingPageUrl(options.baseUrl, token)
  if (contact.email) {
    await enqueueMail(trx, receiptMail({ to: contact.email, locale: body.locale, number, category: category.name, dueAt, publicUrl: url, trackingUrl }))
  }
  if (body.public) await enqueueAlerts(trx, appealId, number, category.name, address, body.description, options.baseUrl)
  if (deputy?.email) {
    await enqueueMail(trx, deputyMail({ to: deputy.email, number, category: category.name, address, description: body.public ? body.description : null, publicUrl: body.public ? url : null }))
  }
  const receipt: AppealReceipt = {
    number,
    status: 'new',
    tracking_url: trackingUrl,
    url,
    category: body.category,
    district: where.district,
    address,
    due_at: dueAt.toISOString(),
    created_at: now.now.toISOString(),
    photos: photos.length,
    map_feature: featureId === null ? null : { layer: `${body.city}-appeals`, feature_id: featureId },
  }
  if (key) await storeIdempotentReceipt(trx, key, appealId, receipt)
  return receipt
}

/** Mail to every confirmed subscriber whose district or circle holds the new appeal. */
async function enqueueAlerts(trx: Transaction<DB>, appealId: number, number: string, category: LocalizedJson, address: string | null, description: string, baseUrl: string): Promise<void> {
  for (const s of await alertSubscribersOf(trx, appealId)) {
    const unsubscribeUrl = subscriptionLinks(baseUrl, s.token).unsubscribe
    await enqueueMail(trx, alertMail({ to: s.email, locale: s.locale, number, category, address, description, publicUrl: appealPageUrl(baseUrl, number), unsubscribeUrl }))
  }
}
