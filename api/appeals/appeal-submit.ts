import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { FEATURE_ADDRESS, HAS_ADDRESS } from '../../layers/index.ts'
import { writeAudit } from '../audit/audit-log.ts'
import type { Log } from '../http/access-log.ts'
import { districtAt } from '../cities/district-at.ts'
import { findDeputyAt } from '../deputies/deputy.queries.ts'
import { enqueueMail } from '../mail/outbox.ts'
import { HttpProblem, problems, type FieldError } from '../problems.ts'
import { checkAnswers, findCategory } from './appeal-categories.ts'
import { addDays } from './appeal-lifecycle.ts'
import { appealPageUrl, digest, newToken, trackingPageUrl } from './appeal-links.ts'
import { alertMail, deputyMail, receiptMail } from './appeal-mail.ts'
import type { AppealSubmissionBody } from './appeal.schemas.ts'
import { MAX_PHOTOS, PhotoRejected, processPhoto, type ProcessedPhoto } from './photo-processing.ts'
import { discardStaged, promoteCommitted, type PhotoStore } from './photo-store.ts'

/** An uploaded file as it arrived. */
export interface Upload {
  name: string
  bytes: Uint8Array
}

/** What the resident gets back at once. */
export interface AppealReceipt {
  number: string
  status: 'new'
  tracking_url: string
  url: string
  category: string
  district: string | null
  address: string | null
  due_at: string
  created_at: string
  photos: number
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

/** Where a point falls in a city: inside the boundary or not, district, address, executor. */
interface Location {
  city_name: LocalizedJson
  city_code: string
  inside: boolean
  swapped_inside: boolean
  district_id: number | null
  district: string | null
  address: string | null
  organisation_id: string | null
  /** The deputy the resident addressed (`to_deputy`), else null. */
  deputy_id?: number | null
}

// Nearest building with an address within this distance names the place.
const ADDRESS_RADIUS_M = 60

async function locate(db: Kysely<DB>, city: string, category: string, lon: number, lat: number): Promise<Location | undefined> {
  const point = sql`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)`
  const swapped = sql`ST_SetSRID(ST_MakePoint(${lat}, ${lon}), 4326)`
  const { rows } = await sql<Location>`
    WITH c AS (SELECT * FROM cities WHERE id = ${city}),
         d AS (${districtAt(city, point)}),
         b AS (
           SELECT ${FEATURE_ADDRESS} AS address
             FROM features f JOIN layers l ON l.id = f.layer_id
            WHERE l.city_id = ${city} AND l.theme = 'buildings' AND l.is_public AND ${HAS_ADDRESS}
              AND f.geom_3857 && ST_Expand(ST_Transform(${point}, 3857), ${ADDRESS_RADIUS_M * 1.6})
            ORDER BY f.geom_3857 <-> ST_Transform(${point}, 3857) LIMIT 1)
    SELECT c.name AS city_name, c.code AS city_code,
           (c.boundary IS NULL OR ST_Intersects(c.boundary, ${point})) AS inside,
           (c.boundary IS NOT NULL AND ST_Intersects(c.boundary, ${swapped})) AS swapped_inside,
           (SELECT id FROM d) AS district_id, (SELECT name FROM d) AS district,
           (SELECT address FROM b) AS address,
           route_appeal(${city}, ${category}, (SELECT id FROM d)) AS organisation_id
      FROM c`.execute(db)
  return rows[0]
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

const IDEMPOTENCY_SCOPE = 'appeals:create'

async function replay(db: Kysely<DB>, key: string, hash: string): Promise<AppealReceipt | undefined> {
  const row = (
    await sql<{ request_hash: string; response: AppealReceipt | null }>`
      SELECT request_hash, response FROM idempotency_keys WHERE scope = ${IDEMPOTENCY_SCOPE} AND key = ${key}`.execute(db)
  ).rows[0]
  if (!row?.response) return undefined
  if (row.request_hash !== hash) {
    throw new HttpProblem('conflict', 422, 'This Idempotency-Key was already used for a different request')
  }
  return row.response
}

class AlreadySubmitted extends Error {}

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
  const where = await locate(db, body.city, body.category, body.lon, body.lat)
  if (!where) errors.push({ field: 'body.city', message: `no city "${body.city}"` })
  else if (!where.inside) {
    const hint = where.swapped_inside ? ' (latitude and longitude look swapped)' : ''
    errors.push({ field: 'body.lat', message: `the point ${body.lat}, ${body.lon} is outside ${where.city_name.en}${hint}` })
  }
  const checked = category ? checkAnswers(category, body.answers ?? {}) : { answers: {}, errors: [] }
  errors.push(...checked.errors)
  if (uploads.length > MAX_PHOTOS) errors.push({ field: 'body.photos', message: `at most ${MAX_PHOTOS} photos` })
  if (body.show_name && !body.contact?.name) errors.push({ field: 'body.show_name', message: 'there is no name to show' })
  if (body.to_deputy && where?.inside) {
    const addressee = await findDeputyAt(db, body.city, body.lon, body.lat)
    if (addressee?.deputy) where.deputy_id = addressee.deputy.id
    else errors.push({ field: 'body.to_deputy', message: addressee ? `${addressee.district.name} has no deputy` : 'no electoral district here' })
  }
  if (errors.length || !category || !where) throw problems.invalid(`The appeal cannot be filed: ${errors.map((e) => e.message).join('; ')}`, errors)

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
    receipt = await db.transaction().execute((trx) => writeAppeal(trx, body, checked.answers, category.termDays, where, staged, processed, hash, options))
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

async function writeAppeal(
  trx: Transaction<DB>,
  body: AppealSubmissionBody,
  answers: Record<string, unknown>,
  termDays: number,
  where: Location,
  photoKeys: string[],
  photos: ProcessedPhoto[],
  hash: string,
  options: SubmitOptions,
): Promise<AppealReceipt> {
  const key = options.idempotencyKey
  if (key) {
    // Waits for a concurrent request with the same key; if that one committed, this one yields.
    const claimed = await sql`
      INSERT INTO idempotency_keys (scope, key, request_hash) VALUES (${IDEMPOTENCY_SCOPE}, ${key}, ${hash})
      ON CONFLICT DO NOTHING RETURNING key`.execute(trx)
    if (!claimed.rows.length) throw new AlreadySubmitted()
  }
  // Read once, at JavaScript's millisecond precision, so that due_at − created_at is exactly the term.
  const now = (await sql<{ now: Date; year: number }>`SELECT now() AS now, extract(year FROM now() AT TIME ZONE 'Europe/Kyiv')::int AS year`.execute(trx)).rows[0]!
  const counter = await sql<{ last: number }>`
    INSERT INTO appeal_counters (city_id, year, last) VALUES (${body.city}, ${now.year}, 1)
    ON CONFLICT (city_id, year) DO UPDATE SET last = appeal_counters.last + 1 RETURNING last`.execute(trx)
  const number = `${where.city_code}-${now.year}-${String(counter.rows[0]!.last).padStart(6, '0')}`
  const token = newToken()
  const dueAt = addDays(now.now, termDays)
  const contact = body.contact ?? {}
  const inserted = await sql<{ id: number }>`
    INSERT INTO appeals (number, city_id, category_id, district_id, organisation_id, description, answers, address, geom,
                         is_public, show_name, contact_name, contact_email, contact_phone, locale, tracking_token_hash, source, due_at, created_at, deputy_id, account_id)
    VALUES (${number}, ${body.city}, ${body.category}, ${where.district_id}, ${where.organisation_id}, ${body.description},
            ${JSON.stringify(answers)}, ${where.address}, ST_SetSRID(ST_MakePoint(${body.lon}, ${body.lat}), 4326),
            ${body.public}, ${body.show_name}, ${contact.name ?? null}, ${contact.email ?? null}, ${contact.phone ?? null},
            ${body.locale}, ${digest(token)}, ${options.source}, ${dueAt}, ${now.now}, ${where.deputy_id ?? null}, ${options.accountId ?? null})
    RETURNING id`.execute(trx)
  const appealId = inserted.rows[0]!.id
  await sql`
    INSERT INTO appeal_events (appeal_id, at, actor, kind, to_status, due_at)
    VALUES (${appealId}, ${now.now}, ${options.actor}, 'created', 'new', ${dueAt})`.execute(trx)
  for (const [position, storageKey] of photoKeys.entries()) {
    const p = photos[position]!
    await sql`
      INSERT INTO appeal_photos (appeal_id, position, storage_key, width, height, bytes)
      VALUES (${appealId}, ${position}, ${storageKey}, ${p.width}, ${p.height}, ${p.full.byteLength})`.execute(trx)
  }
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
      photos: [null, photoKeys.length],
      ...(where.deputy_id ? { deputy: [null, where.deputy_id] as const } : {}),
    },
  })
  const category = (await sql<{ name: LocalizedJson }>`SELECT name FROM appeal_categories WHERE id = ${body.category}`.execute(trx)).rows[0]!
  const url = appealPageUrl(options.baseUrl, number)
  const trackingUrl = trackingPageUrl(options.baseUrl, token)
  if (contact.email) {
    await enqueueMail(trx, receiptMail({ to: contact.email, locale: body.locale, number, category: category.name, dueAt, publicUrl: url, trackingUrl }))
  }
  if (body.public) await enqueueAlerts(trx, appealId, number, category.name, where.address, body.description, options.baseUrl)
  if (where.deputy_id) {
    const deputy = (await sql<{ email: string | null }>`SELECT email FROM deputies WHERE id = ${where.deputy_id}`.execute(trx)).rows[0]
    if (deputy?.email) {
      await enqueueMail(trx, deputyMail({ to: deputy.email, number, category: category.name, address: where.address, description: body.public ? body.description : null, publicUrl: body.public ? url : null }))
    }
  }
  const receipt: AppealReceipt = {
    number,
    status: 'new',
    tracking_url: trackingUrl,
    url,
    category: body.category,
    district: where.district,
    address: where.address,
    due_at: dueAt.toISOString(),
    created_at: now.now.toISOString(),
    photos: photoKeys.length,
  }
  if (key) {
    await sql`UPDATE idempotency_keys SET appeal_id = ${appealId}, response = ${JSON.stringify(receipt)}
               WHERE scope = ${IDEMPOTENCY_SCOPE} AND key = ${key}`.execute(trx)
  }
  return receipt
}

/** Mail to every confirmed subscriber whose district or circle holds the new appeal. */
async function enqueueAlerts(trx: Transaction<DB>, appealId: number, number: string, category: LocalizedJson, address: string | null, description: string, baseUrl: string): Promise<void> {
  const { rows } = await sql<{ email: string; token: string; locale: 'uk' | 'en' }>`
    SELECT s.email, s.token, s.locale FROM appeal_subscriptions s, appeals a
     WHERE a.id = ${appealId} AND s.city_id = a.city_id AND s.confirmed_at IS NOT NULL
       AND (s.district_id = a.district_id
            OR (s.center IS NOT NULL AND ST_DWithin(s.center::geography, a.geom::geography, s.radius_m)))`.execute(trx)
  for (const s of rows) {
    const unsubscribeUrl = `${baseUrl}/api/appeal-subscriptions/unsubscribe?token=${s.token}`
    await enqueueMail(trx, alertMail({ to: s.email, locale: s.locale, number, category, address, description, publicUrl: appealPageUrl(baseUrl, number), unsubscribeUrl }))
  }
}
