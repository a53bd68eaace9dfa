import { type Expression, type Kysely, sql, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import type { AnswerOutcome, CommentGeometry, ConsultationStatus } from '../contract/index.ts'

/** How far around the plan's features comments may be pinned, in metres. */
export const EXTENT_MARGIN_M = 100

/** A consultation as read for its pages: window, status from the database clock, extent and counts. */
export interface ConsultationRow {
  id: number
  layer_id: string
  city_id: string
  title: LocalizedJson
  description: LocalizedJson
  starts_at: Date
  ends_at: Date
  status: ConsultationStatus
  layer_revision: number
  bbox: [number, number, number, number]
  comments: number
  answered: number
  created_at: Date
  /** Whether its layer is public now (`consultation` or `approved`). */
  layer_public: boolean
}

/** A comment as the public list and the protocol read it; `author_email` only for mail. */
export interface CommentRow {
  id: number
  consultation_id: number
  receipt: string
  text: string
  geometry: { type: 'Point' | 'Polygon'; coordinates: unknown[] }
  /** A point inside the place (the point itself, or a point on an area), for the printed protocol. */
  lon: number
  lat: number
  feature_id: number | null
  layer_revision: number
  created_at: Date
  hidden_at: Date | null
  hidden_reason: string | null
  answer_outcome: AnswerOutcome | null
  answer_text: string | null
  answered_at: Date | null
  author_id: number | null
  author_email: string | null
  /** The photo's key in the photo store; null for a comment without one. */
  photo_key: string | null
}

const statusOf = (startsAt: Expression<Date>, endsAt: Expression<Date>) =>
  sql<ConsultationStatus>`CASE WHEN now() < ${startsAt} THEN 'upcoming' WHEN now() < ${endsAt} THEN 'open' ELSE 'closed' END`

function selectConsultations(db: Kysely<DB>) {
  return db
    .selectFrom('consultations as c')
    .innerJoin('layers as l', 'l.id', 'c.layer_id')
    .select((eb) => [
      'c.id',
      'c.layer_id',
      'l.city_id',
      'c.title',
      'c.description',
      'c.starts_at',
      'c.ends_at',
      statusOf(eb.ref('c.starts_at'), eb.ref('c.ends_at')).as('status'),
      'c.layer_revision',
      sql<[number, number, number, number]>`ARRAY[ST_XMin(c.extent), ST_YMin(c.extent), ST_XMax(c.extent), ST_YMax(c.extent)]`.as('bbox'),
      sql<number>`(SELECT count(*) FROM consultation_comments k WHERE k.consultation_id = c.id AND k.hidden_at IS NULL)::int`.as('comments'),
      sql<number>`(SELECT count(*) FROM consultation_comments k WHERE k.consultation_id = c.id AND k.hidden_at IS NULL AND k.answer_outcome IS NOT NULL)::int`.as('answered'),
      'c.created_at',
      'l.is_public as layer_public',
    ])
}

/** Consultations on public layers, of one city or all, the latest window first. */
export async function listPublicConsultations(db: Kysely<DB>, cityId?: string): Promise<ConsultationRow[]> {
  let query = selectConsultations(db).where('l.is_public', '=', true)
  if (cityId) query = query.where('l.city_id', '=', cityId)
  return (await query.orderBy('c.starts_at', 'desc').orderBy('c.id', 'desc').execute()) as ConsultationRow[]
}

/** One consultation, whatever its layer's status; the caller decides who may see it. */
export async function findConsultation(db: Kysely<DB>, id: number): Promise<ConsultationRow | undefined> {
  return (await selectConsultations(db).where('c.id', '=', id).executeTakeFirst()) as ConsultationRow | undefined
}

/** What opening a consultation needs to know of its layer. */
export interface ConsultationLayer {
  id: string
  status: string
  revision: number
  /** The department that owns the layer: a publisher acts on their own organisation's only. */
  organisation_id: string | null
  feature_count: number
}

/** The layer a consultation is opened on, or undefined. */
export async function findConsultationLayer(db: Kysely<DB>, layerId: string): Promise<ConsultationLayer | undefined> {
  return db.selectFrom('layers').select(['id', 'status', 'revision', 'feature_count', 'organisation_id']).where('id', '=', layerId).executeTakeFirst()
}

/** A new consultation as it is written. */
export interface NewConsultation {
  layerId: string
  title: LocalizedJson
  description: LocalizedJson
  startsAt: string
  endsAt: string
  createdBy: number
}

/**
 * Writes a consultation with its layer's current revision and extent: the convex hull of the
 * layer's features buffered by {@link EXTENT_MARGIN_M} on the ground. Returns its id.
 */
export async function insertConsultation(trx: Transaction<DB>, c: NewConsultation): Promise<number> {
  const row = await trx
    .insertInto('consultations')
    .columns(['layer_id', 'title', 'description', 'starts_at', 'ends_at', 'layer_revision', 'extent', 'created_by'])
    .expression((eb) =>
      eb
        .selectFrom('layers as l')
        .select([
          'l.id',
          sql<string>`${JSON.stringify(c.title)}::jsonb`.as('title'),
          sql<string>`${JSON.stringify(c.description)}::jsonb`.as('description'),
          sql<Date>`${c.startsAt}::timestamptz`.as('starts_at'),
          sql<Date>`${c.endsAt}::timestamptz`.as('ends_at'),
          'l.revision',
          sql<string>`(SELECT ST_Buffer(ST_ConvexHull(ST_Collect(f.geom))::geography, ${EXTENT_MARGIN_M})::geometry FROM features f WHERE f.layer_id = l.id)`.as('extent'),
          sql<number>`${c.createdBy}::bigint`.as('created_by'),
        ])
        .where('l.id', '=', c.layerId),
    )
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** Where a consultation stands for a new comment, by the transaction's clock. */
export interface CommentTarget {
  id: number
  layer_id: string
  title: LocalizedJson
  layer_public: boolean
  /** The layer's revision now: the one the author sees. */
  revision: number
  city_id: string
  city_code: string
  starts_at: Date
  ends_at: Date
  status: ConsultationStatus
  /** The year by the Kyiv clock, for the receipt number. */
  year: number
}

/** The consultation a comment goes to, with its layer's current revision and city code. */
export async function findCommentTarget(trx: Transaction<DB>, id: number): Promise<CommentTarget | undefined> {
  return (await trx
    .selectFrom('consultations as c')
    .innerJoin('layers as l', 'l.id', 'c.layer_id')
    .innerJoin('cities as ci', 'ci.id', 'l.city_id')
    .select((eb) => [
      'c.id',
      'c.layer_id',
      'c.title',
      'l.is_public as layer_public',
      'l.revision',
      'l.city_id',
      'ci.code as city_code',
      'c.starts_at',
      'c.ends_at',
      statusOf(eb.ref('c.starts_at'), eb.ref('c.ends_at')).as('status'),
      sql<number>`extract(year FROM now() AT TIME ZONE 'Europe/Kyiv')::int`.as('year'),
    ])
    .where('c.id', '=', id)
    .executeTakeFirst()) as CommentTarget | undefined
}

/** Whether a drawn place can be a comment's: valid, and covered by the consultation's extent. */
export async function checkCommentPlace(db: Kysely<DB>, consultationId: number, geometry: CommentGeometry): Promise<{ valid: boolean; reason: string; inside: boolean }> {
  const { rows } = await sql<{ valid: boolean; reason: string; inside: boolean }>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason, ST_Covers(c.extent, g) AS inside
      FROM consultations c, ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326) AS g
     WHERE c.id = ${consultationId}`.execute(db)
  return rows[0] ?? { valid: false, reason: 'no consultation', inside: false }
}

/** Whether a feature belongs to the layer (its current revision). */
export async function layerHasFeature(db: Kysely<DB>, layerId: string, featureId: number): Promise<boolean> {
  const row = await db.selectFrom('features').select('id').where('layer_id', '=', layerId).where('id', '=', featureId).executeTakeFirst()
  return row !== undefined
}

/** Counts one more comment of the city in the year and returns its ordinal (1 for the first). */
export async function countCommentOfYear(trx: Transaction<DB>, cityId: string, year: number): Promise<number> {
  const row = await trx
    .insertInto('consultation_counters')
    .values({ city_id: cityId, year, last: 1 })
    .onConflict((oc) => oc.columns(['city_id', 'year']).doUpdateSet({ last: sql<number>`consultation_counters.last + 1` }))
    .returning('last')
    .executeTakeFirstOrThrow()
  return row.last
}

/** A new comment: pinned to a drawn place, or to a feature whose point on surface it keeps. */
export interface NewComment {
  consultationId: number
  receipt: string
  authorId: number
  text: string
  layerRevision: number
  place: { geometry: CommentGeometry } | { layerId: string; featureId: number }
}

/** Writes a comment; returns its id. */
export async function insertComment(trx: Transaction<DB>, c: NewComment): Promise<number> {
  const geom =
    'geometry' in c.place
      ? sql<string>`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(c.place.geometry)}), 4326)`
      : sql<string>`(SELECT ST_PointOnSurface(f.geom) FROM features f WHERE f.layer_id = ${c.place.layerId} AND f.id = ${c.place.featureId})`
  const row = await trx
    .insertInto('consultation_comments')
    .values({
      consultation_id: c.consultationId,
      receipt: c.receipt,
      author_id: c.authorId,
      text: c.text,
      feature_id: 'geometry' in c.place ? null : c.place.featureId,
      layer_revision: c.layerRevision,
      geom,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

function selectComments(db: Kysely<DB>) {
  return db
    .selectFrom('consultation_comments as k')
    .leftJoin('users as u', 'u.id', 'k.author_id')
    .select([
      'k.id',
      'k.consultation_id',
      'k.receipt',
      'k.text',
      sql<CommentRow['geometry']>`ST_AsGeoJSON(k.geom, 7)::jsonb`.as('geometry'),
      sql<number>`ST_X(ST_PointOnSurface(k.geom))`.as('lon'),
      sql<number>`ST_Y(ST_PointOnSurface(k.geom))`.as('lat'),
      'k.feature_id',
      'k.layer_revision',
      'k.created_at',
      'k.hidden_at',
      'k.hidden_reason',
      'k.answer_outcome',
      'k.answer_text',
      'k.answered_at',
      sql<number | null>`k.author_id::int`.as('author_id'),
      'u.email as author_email',
      'k.photo_key',
    ])
}

/** Every comment of a consultation, hidden ones included, oldest first. */
export async function listComments(db: Kysely<DB>, consultationId: number): Promise<CommentRow[]> {
  return (await selectComments(db).where('k.consultation_id', '=', consultationId).orderBy('k.id').execute()) as CommentRow[]
}

/** One comment of a consultation, hidden or not. */
export async function findComment(db: Kysely<DB>, consultationId: number, commentId: number): Promise<CommentRow | undefined> {
  return (await selectComments(db).where('k.consultation_id', '=', consultationId).where('k.id', '=', commentId).executeTakeFirst()) as CommentRow | undefined
}

/** One comment of a consultation, locked for a change when read in a transaction. */
export async function lockComment(trx: Transaction<DB>, consultationId: number, commentId: number): Promise<CommentRow | undefined> {
  return (await selectComments(trx).where('k.consultation_id', '=', consultationId).where('k.id', '=', commentId).forUpdate('k').executeTakeFirst()) as CommentRow | undefined
}

/** Sets (or replaces) the council's answer to a comment. */
export async function answerComment(trx: Transaction<DB>, commentId: number, answer: { outcome: AnswerOutcome; text: string; userId: number }): Promise<void> {
  await trx
    .updateTable('consultation_comments')
    .set({ answer_outcome: answer.outcome, answer_text: answer.text, answered_at: sql<Date>`now()`, answered_by: answer.userId })
    .where('id', '=', commentId)
    .execute()
}

/** Hides a comment from the public with the moderator's reason; the row stays for the record. */
export async function hideComment(trx: Transaction<DB>, commentId: number, hidden: { reason: string; userId: number }): Promise<void> {
  await trx
    .updateTable('consultation_comments')
    .set({ hidden_at: sql<Date>`now()`, hidden_reason: hidden.reason, hidden_by: hidden.userId })
    .where('id', '=', commentId)
    .execute()
}

/** Attaches a photo to a comment that has none; false when it has one already (or is gone). */
export async function setCommentPhoto(trx: Transaction<DB>, commentId: number, photoKey: string): Promise<boolean> {
  const result = await trx.updateTable('consultation_comments').set({ photo_key: photoKey }).where('id', '=', commentId).where('photo_key', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows) === 1
}
