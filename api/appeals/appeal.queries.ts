import { sql, type Insertable, type Kysely, type RawBuilder, type Transaction, type Updateable } from 'kysely'
import { type DB, type LocalizedJson, lonLatEnvelope, lonLatPoint } from '../../db/index.ts'
import { OPEN_STATUSES, type AppealStatus } from './appeal-lifecycle.ts'
import type { AppealListQuery } from '../contract/index.ts'

/** An appeal as anyone may see it: no contact details, the author's name only if they chose. */
export interface PublicAppeal {
  number: string
  city: string
  status: AppealStatus
  overdue: boolean
  category: { id: string; group: string; name: LocalizedJson }
  description: string
  answers: Record<string, unknown>
  address: string | null
  district: { id: number; name: string } | null
  organisation: { id: string; name: LocalizedJson } | null
  location: { lon: number; lat: number }
  author: string | null
  supporters: number
  created_at: string
  due_at: string
  resolved_at: string | null
  confirmed_at: string | null
  reopen_count: number
  rejection_reason: string | null
  duplicate_of: string | null
  synthetic: boolean
  /** The object it is about: a layer's feature as the layer was when the appeal was filed. */
  object: { layer: string | null; feature_id: number; layer_version: number; label: string | null; layer_title: LocalizedJson | null } | null
  /** The deputy the appeal is addressed to, with their electoral district. */
  deputy: { name: string; district: { number: number; name: string } } | null
  /** `version` tags the stored file; it names the photo's URL and changes when the file is replaced. */
  photos: Array<{ id: number; stage: 'report' | 'work'; width: number; height: number; version: string }>
}

export interface TimelineEntry {
  at: string
  kind: 'created' | 'status' | 'extended' | 'confirmed' | 'reopened' | 'recategorised' | 'routed' | 'taken' | 'escalated' | 'work-photos' | 'redacted'
  status: AppealStatus
  response: string | null
  reason: string | null
  due_at: string | null
  organisation: { id: string; name: LocalizedJson } | null
}

/** The open statuses as an SQL list, for `status IN (${OPEN})`. */
export const OPEN = sql.join(OPEN_STATUSES.map((s) => sql.lit(s)))

/**
 * The version of a photo's file (`p` is the appeal_photos row): a tag of its storage key. A
 * redaction stores a new file under a new key, so the photo's URL changes with its content.
 */
export const PHOTO_VERSION = sql<string>`left(md5(p.storage_key), 12)`

/** What an appeal is about (`a` is the appeals row): its layer's feature as the appeal recorded it, or null. */
export const APPEAL_OBJECT = sql`CASE WHEN a.object_feature_id IS NULL THEN NULL ELSE json_build_object(
    'layer', a.object_layer_id, 'feature_id', a.object_feature_id, 'layer_version', a.object_layer_version, 'label', a.object_label,
    'layer_title', (SELECT title FROM layers WHERE id = a.object_layer_id)) END`

/** The select list of a public appeal; `a` is the appeals row. */
const PUBLIC_FIELDS = sql`
  a.number, a.city_id AS city, a.status,
  (a.status IN (${OPEN}) AND now() > a.due_at) AS overdue,
  json_build_object('id', c.id, 'group', c.group_id, 'name', c.name) AS category,
  a.description, a.answers, a.address,
  CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name) END AS district,
  CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organisation,
  json_build_object('lon', round(ST_X(a.geom)::numeric, 6), 'lat', round(ST_Y(a.geom)::numeric, 6)) AS location,
  CASE WHEN a.show_name THEN a.contact_name END AS author,
  a.supporter_count AS supporters,
  a.created_at, a.due_at, a.resolved_at, a.confirmed_at, a.reopen_count, a.rejection_reason,
  (SELECT number FROM appeals x WHERE x.id = a.duplicate_of) AS duplicate_of,
  a.synthetic,
  ${APPEAL_OBJECT} AS object,
  (SELECT json_build_object('name', dp.name, 'district', json_build_object('number', dp.district_number, 'name', electoral_district_name(dp.district_number)))
     FROM deputies dp WHERE dp.id = a.deputy_id) AS deputy,
  coalesce((SELECT json_agg(json_build_object('id', p.id, 'stage', p.stage, 'width', p.width, 'height', p.height, 'version', ${PHOTO_VERSION}) ORDER BY p.stage DESC, p.position)
              FROM appeal_photos p WHERE p.appeal_id = a.id), '[]') AS photos`

const FROM = sql`
  appeals a JOIN appeal_categories c ON c.id = a.category_id
  LEFT JOIN districts d ON d.id = a.district_id
  LEFT JOIN organisations o ON o.id = a.organisation_id`

function filters(q: Partial<AppealListQuery>): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`a.is_public`]
  if (q.city) where.push(sql`a.city_id = ${q.city}`)
  if (q.status?.length) where.push(sql`a.status = ANY(${q.status}::text[])`)
  if (q.category?.length) where.push(sql`a.category_id = ANY(${q.category}::text[])`)
  if (q.district) where.push(sql`a.district_id = ${q.district}`)
  if (q.from) where.push(sql`a.created_at >= (${q.from}::date)::timestamp AT TIME ZONE 'Europe/Kyiv'`)
  if (q.to) where.push(sql`a.created_at < (${q.to}::date + 1)::timestamp AT TIME ZONE 'Europe/Kyiv'`)
  if (q.bbox) where.push(sql`a.geom && ${lonLatEnvelope(q.bbox)}`)
  if (q.object_layer) where.push(sql`a.object_layer_id = ${q.object_layer}`)
  if (q.object_feature) where.push(sql`a.object_feature_id = ${q.object_feature}`)
  if (q.overdue === true) where.push(sql`a.status IN (${OPEN}) AND now() > a.due_at`)
  if (q.overdue === false) where.push(sql`NOT (a.status IN (${OPEN}) AND now() > a.due_at)`)
  return sql.join(where, sql` AND `)
}

/** Public appeals, newest first, with the total for paging. */
export async function listPublicAppeals(db: Kysely<DB>, q: AppealListQuery): Promise<{ total: number; appeals: PublicAppeal[] }> {
  const where = filters(q)
  const [count, page] = await Promise.all([
    sql<{ total: number }>`SELECT count(*)::int AS total FROM appeals a WHERE ${where}`.execute(db),
    sql<PublicAppeal>`
      SELECT ${PUBLIC_FIELDS} FROM ${FROM} WHERE ${where}
       ORDER BY a.created_at DESC, a.id DESC LIMIT ${q.limit} OFFSET ${q.offset}`.execute(db),
  ])
  // An aggregate without GROUP BY always answers one row.
  return { total: count.rows[0]?.total ?? 0, appeals: page.rows }
}

/** One public appeal by its number. */
export async function findPublicAppeal(db: Kysely<DB>, number: string): Promise<PublicAppeal | undefined> {
  return (await sql<PublicAppeal>`SELECT ${PUBLIC_FIELDS} FROM ${FROM} WHERE a.number = ${number} AND a.is_public`.execute(db)).rows[0]
}

/** The author's own view, found by the digest of the tracking token: public or not. */
export async function findAppealByTrackingHash(db: Kysely<DB>, hash: Buffer): Promise<(PublicAppeal & { is_public: boolean; contact: { name: string | null; email: string | null; phone: string | null } }) | undefined> {
  return (
    await sql<PublicAppeal & { is_public: boolean; contact: { name: string | null; email: string | null; phone: string | null } }>`
      SELECT ${PUBLIC_FIELDS}, a.is_public,
             json_build_object('name', a.contact_name, 'email', a.contact_email, 'phone', a.contact_phone) AS contact
        FROM ${FROM} WHERE a.tracking_token_hash = ${hash}`.execute(db)
  ).rows[0]
}

/** The public timeline, oldest first. */
export async function appealTimeline(db: Kysely<DB>, number: string): Promise<TimelineEntry[]> {
  return (
    await sql<TimelineEntry>`
      SELECT e.at, e.kind, e.to_status AS status, e.response, e.reason, e.due_at,
             CASE WHEN o.id IS NULL THEN NULL ELSE json_build_object('id', o.id, 'name', o.name) END AS organisation
        FROM appeal_events e JOIN appeals a ON a.id = e.appeal_id
        LEFT JOIN organisations o ON o.id = e.organisation_id
       WHERE a.number = ${number}
       ORDER BY e.at, e.id`.execute(db)
  ).rows
}

/** Open public appeals of a category within its duplicate radius of a point, nearest first. */
export async function nearbyOpenAppeals(db: Kysely<DB>, lon: number, lat: number, category: string): Promise<Array<PublicAppeal & { distance_m: number }>> {
  const point = lonLatPoint(lon, lat)
  return (
    await sql<PublicAppeal & { distance_m: number }>`
      SELECT ${PUBLIC_FIELDS}, round(ST_Distance(a.geom::geography, ${point}::geography))::int AS distance_m
        FROM ${FROM}
       WHERE a.is_public AND a.category_id = ${category} AND a.status IN (${OPEN})
         AND a.geom && ST_Expand(${point}, c.duplicate_radius_m / 60000.0)
         AND ST_DWithin(a.geom::geography, ${point}::geography, c.duplicate_radius_m)
       ORDER BY a.geom <-> ${point} LIMIT 20`.execute(db)
  ).rows
}

/** A stored photo of a public appeal, by the photo's id, with the version of its file. */
export async function findPublicPhoto(db: Kysely<DB>, number: string, photoId: number): Promise<{ storage_key: string; version: string } | undefined> {
  return (
    await sql<{ storage_key: string; version: string }>`
      SELECT p.storage_key, ${PHOTO_VERSION} AS version FROM appeal_photos p JOIN appeals a ON a.id = p.appeal_id
       WHERE a.number = ${number} AND a.is_public AND p.id = ${photoId}`.execute(db)
  ).rows[0]
}

/**
 * Adds a supporter ("me too") once per person. Only open public appeals take support.
 * Returns the new count, or undefined when the appeal cannot be supported.
 */
export async function supportAppeal(db: Kysely<DB>, number: string, supporterHash: Buffer): Promise<{ supporters: number; added: boolean } | undefined> {
  return db.transaction().execute(async (trx) => {
    const appeal = (
      await sql<{ id: number }>`SELECT id FROM appeals WHERE number = ${number} AND is_public AND status IN (${OPEN}) FOR UPDATE`.execute(trx)
    ).rows[0]
    if (!appeal) return undefined
    const added = await sql`INSERT INTO appeal_supporters (appeal_id, supporter_hash) VALUES (${appeal.id}, ${supporterHash})
                              ON CONFLICT DO NOTHING RETURNING appeal_id`.execute(trx)
    const count = await trx.selectFrom('appeals').select('supporter_count').where('id', '=', appeal.id).executeTakeFirstOrThrow()
    return { supporters: count.supporter_count, added: added.rows.length > 0 }
  })
}

/**
 * Which of `keys` name a committed photo row, of an appeal, a consultation comment, a
 * participatory-budget proposal, a repair, a register line or an offer (they share the photo
 * store); the store's recovery
 * asks this.
 */
export async function committedPhotoKeys(db: Kysely<DB>, keys: string[]): Promise<Set<string>> {
  const { rows } = await sql<{ storage_key: string }>`
    SELECT storage_key FROM appeal_photos WHERE storage_key = ANY(${keys}::text[])
    UNION ALL
    SELECT photo_key FROM consultation_comments WHERE photo_key = ANY(${keys}::text[])
    UNION ALL
    SELECT storage_key FROM budget_photos WHERE storage_key = ANY(${keys}::text[])
    UNION ALL
    SELECT storage_key FROM work_photos WHERE storage_key = ANY(${keys}::text[])
    UNION ALL
    SELECT storage_key FROM object_photos WHERE storage_key = ANY(${keys}::text[])`.execute(db)
  return new Set(rows.map((r) => r.storage_key))
}

/** The columns of an appeal that a change may set. */
export type AppealUpdate = Updateable<DB['appeals']>

/** Writes changed columns of an appeal and stamps `updated_at`. */
export async function updateAppeal(trx: Transaction<DB>, appealId: number, changes: AppealUpdate): Promise<void> {
  await trx
    .updateTable('appeals')
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', appealId)
    .execute()
}

/** An entry of an appeal's public timeline, as it is written. */
export type NewAppealEvent = Insertable<DB['appeal_events']>

/** Appends an entry to an appeal's public timeline. */
export async function insertAppealEvent(trx: Transaction<DB>, event: NewAppealEvent): Promise<void> {
  await trx.insertInto('appeal_events').values(event).execute()
}

/** A photo of an appeal as it is recorded: a stored file and where it shows. */
export interface NewAppealPhoto {
  position: number
  /** `report`: the resident's; `work`: the organisation's, of the work done. */
  stage: 'report' | 'work'
  storageKey: string
  width: number
  height: number
  bytes: number
}

/** Records stored photo files as photos of an appeal; nothing when there are none. */
export async function insertAppealPhotos(trx: Transaction<DB>, appealId: number, photos: readonly NewAppealPhoto[]): Promise<void> {
  if (!photos.length) return
  await trx
    .insertInto('appeal_photos')
    .values(photos.map((p) => ({ appeal_id: appealId, position: p.position, stage: p.stage, storage_key: p.storageKey, width: p.width, height: p.height, bytes: p.bytes })))
    .execute()
}

/** An appeal as a lifecycle action needs it. */
export interface AppealForAction {
  id: number
  number: string
  city_id: string
  status: AppealStatus
  organisation_id: string | null
  executor_id: number | null
  created_at: Date
  due_at: Date
  extended_at: Date | null
  resolved_at: Date | null
  confirmed_at: Date | null
  reopen_count: number
  contact_email: string | null
  locale: 'uk' | 'en'
}

/** One appeal, locked for the rest of the transaction; undefined when there is none. */
export async function lockAppealForAction(trx: Transaction<DB>, number: string): Promise<AppealForAction | undefined> {
  return trx
    .selectFrom('appeals')
    .select(['id', 'number', 'city_id', 'status', 'organisation_id', 'executor_id', 'created_at', 'due_at', 'extended_at', 'resolved_at', 'confirmed_at', 'reopen_count', 'contact_email', 'locale'])
    .$narrowType<{ status: AppealStatus; locale: 'uk' | 'en' }>()
    .where('number', '=', number)
    .forUpdate()
    .executeTakeFirst()
}

/** Whether an organisation of this id works in the city. */
export async function organisationInCity(db: Kysely<DB>, organisationId: string, cityId: string): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).where('city_id', '=', cityId).executeTakeFirst()
  return row !== undefined
}

/** Whether `originalId` is another appeal of the city than `appealId`, as a duplicate's original must be. */
export async function isOtherAppealOfCity(db: Kysely<DB>, originalId: number, cityId: string, appealId: number): Promise<boolean> {
  const row = await db.selectFrom('appeals').select('id').where('id', '=', originalId).where('city_id', '=', cityId).where('id', '<>', appealId).executeTakeFirst()
  return row !== undefined
}
