import { sql, type Kysely, type RawBuilder } from 'kysely'
import { type DB, type LocalizedJson, lonLatPoint } from '../../db/index.ts'
import { APPEAL_STATUSES, type AppealStatus, open311Status, PHOTO_VERSION } from '../appeals/index.ts'

/**
 * A public appeal with what a GeoReport v2 service request shows: the public appeal view
 * lacks the update time and the latest response. It holds no contact data.
 */
export interface ServiceRequestRow {
  number: string
  status: AppealStatus
  category_id: string
  category_name: LocalizedJson
  description: string
  organisation_name: LocalizedJson | null
  address: string | null
  lon: number
  lat: number
  created_at: Date
  updated_at: Date
  due_at: Date
  rejection_reason: string | null
  /** The city's latest public response; the author's own feedback is not one. */
  response: string | null
  /** The file name of the first photo the resident sent (`<id>.<version>`), as its public URL names it. */
  photo_name: string | null
  /** Generated for the demonstration, not filed by a resident. */
  synthetic: boolean
}

const FIELDS = sql`
  a.number, a.status, a.category_id, c.name AS category_name, a.description, o.name AS organisation_name, a.address,
  round(ST_X(a.geom)::numeric, 6) AS lon, round(ST_Y(a.geom)::numeric, 6) AS lat,
  a.created_at, a.updated_at, a.due_at, a.rejection_reason, a.synthetic,
  (SELECT e.response FROM appeal_events e
    WHERE e.appeal_id = a.id AND e.kind IN ('status', 'extended') AND e.response IS NOT NULL
    ORDER BY e.at DESC, e.id DESC LIMIT 1) AS response,
  (SELECT p.id || '.' || ${PHOTO_VERSION} FROM appeal_photos p WHERE p.appeal_id = a.id ORDER BY p.stage <> 'report', p.position LIMIT 1) AS photo_name`

const FROM = sql`appeals a JOIN appeal_categories c ON c.id = a.category_id LEFT JOIN organisations o ON o.id = a.organisation_id`

function selectRequests(db: Kysely<DB>, where: RawBuilder<unknown>[], limit: number, offset = 0) {
  return sql<ServiceRequestRow>`
    SELECT ${FIELDS} FROM ${FROM} WHERE ${sql.join([sql`a.is_public`, ...where], sql` AND `)}
     ORDER BY a.created_at DESC, a.id DESC LIMIT ${limit} OFFSET ${offset}`.execute(db)
}

/** The public appeals with these numbers, newest first; unknown or private ones are left out. */
export async function findServiceRequests(db: Kysely<DB>, numbers: string[]): Promise<ServiceRequestRow[]> {
  return (await selectRequests(db, [sql`a.number = ANY(${numbers}::text[])`], numbers.length)).rows
}

/** What `GET requests` filters on, after the defaults are applied. */
export interface ServiceRequestSearch {
  city: string | undefined
  categories: string[] | undefined
  status: Array<'open' | 'closed'> | undefined
  /** Filed at or after. */
  from: Date
  /** Filed at or before. */
  to: Date
  limit: number
  offset: number
}

/** One page of public appeals filed in a window, newest first, and whether more follow. */
export async function searchServiceRequests(db: Kysely<DB>, s: ServiceRequestSearch): Promise<{ requests: ServiceRequestRow[]; more: boolean }> {
  const where = [sql`a.created_at BETWEEN ${s.from} AND ${s.to}`]
  if (s.city) where.push(sql`a.city_id = ${s.city}`)
  if (s.categories) where.push(sql`a.category_id = ANY(${s.categories}::text[])`)
  const wanted = s.status
  if (wanted) where.push(sql`a.status = ANY(${APPEAL_STATUSES.filter((status) => wanted.includes(open311Status(status)))}::text[])`)
  // One row past the page tells whether another page follows, without counting them all.
  const { rows } = await selectRequests(db, where, s.limit + 1, s.offset)
  return { requests: rows.slice(0, s.limit), more: rows.length > s.limit }
}

/** The city whose boundary holds the point, or undefined when none does. */
export async function jurisdictionAt(db: Kysely<DB>, lon: number, lat: number): Promise<string | undefined> {
  const { rows } = await sql<{ id: string }>`
    SELECT id FROM cities WHERE ST_Intersects(boundary, ${lonLatPoint(lon, lat)}) ORDER BY id LIMIT 1`.execute(db)
  return rows[0]?.id
}

/**
 * The codes among `codes` that name no appeal category. Inactive categories count as known:
 * their old requests can still be searched.
 */
export async function unknownServiceCodes(db: Kysely<DB>, codes: string[]): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT id FROM appeal_categories WHERE id = ANY(${codes}::text[])`.execute(db)
  const known = new Set(rows.map((r) => r.id))
  return codes.filter((code) => !known.has(code))
}

/** The categories (service codes) that some public synthetic appeal is filed under. */
export async function categoriesWithSyntheticRequests(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom('appeals').select('category_id').distinct().where('synthetic', '=', true).where('is_public', '=', true).execute()
  return new Set(rows.map((r) => r.category_id))
}
