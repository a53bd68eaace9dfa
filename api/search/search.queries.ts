/**
 * What the search reads where it lives rather than from the index: public appeals by number,
 * layers by title, districts, budget projects and consultations by name. Each is a small table
 * per city, so the trigram similarity is computed on the fly.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

export type Language = 'uk' | 'en'

/** A row found, before it becomes a {@link SearchResult}. */
export interface FoundRow {
  title: string
  subtitle: string | null
  id: string
  lon: number | null
  lat: number | null
  bbox: [number, number, number, number] | null
  score: number
}

/** The score of a text against the folded query `q` (`search_score`, as the index is ranked). */
const score = (text: ReturnType<typeof sql>) => sql<number>`search_score(q.t, search_fold(${text}))`
const matches = (text: ReturnType<typeof sql>) => sql<boolean>`(search_fold(${text}) % q.t OR q.t <% search_fold(${text}))`
const folded = (query: string) => sql`(SELECT search_fold(${query}) AS t) q`

/**
 * Public appeals whose number is the query or starts with it, or ends with its digits
 * (`123` finds `KYIV-2026-000123`), newest first. Hidden, rejected and duplicate ones are not found.
 */
export async function findAppealsByNumber(db: Kysely<DB>, cityId: string, query: string, lang: Language, limit: number): Promise<FoundRow[]> {
  const upper = query.trim().toUpperCase()
  const digits = /^[0-9]{1,6}$/.test(upper) ? upper.padStart(6, '0') : null
  const { rows } = await sql<FoundRow>`
    SELECT a.number AS title, a.number AS id, c.name->>${lang} AS subtitle, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat, NULL AS bbox,
           CASE WHEN a.number = ${upper} THEN 1 ELSE 0.9 END::float8 AS score
      FROM appeals a JOIN appeal_categories c ON c.id = a.category_id
     WHERE a.city_id = ${cityId} AND a.is_public AND a.status NOT IN ('rejected', 'duplicate')
       AND (a.number LIKE ${`${upper.replace(/[%_\\]/g, '')}%`} ${digits ? sql`OR a.number LIKE ${`%-${digits}`}` : sql``})
     ORDER BY score DESC, a.created_at DESC
     LIMIT ${limit}`.execute(db)
  return rows
}

/** The city's public layers whose title (in either language) is like the query. */
export async function findLayers(db: Kysely<DB>, cityId: string, query: string, lang: Language, limit: number): Promise<FoundRow[]> {
  const { rows } = await sql<FoundRow>`
    SELECT l.title->>${lang} AS title, l.id, l.description->>${lang} AS subtitle, NULL::float8 AS lon, NULL::float8 AS lat, l.bbox,
           greatest(${score(sql`l.title->>'uk'`)}, ${score(sql`l.title->>'en'`)}) AS score
      FROM layers l, ${folded(query)}
     WHERE l.city_id = ${cityId} AND l.is_public AND q.t <> '' AND (${matches(sql`l.title->>'uk'`)} OR ${matches(sql`l.title->>'en'`)})
     ORDER BY score DESC LIMIT ${limit}`.execute(db)
  return rows
}

/** The city's districts whose name is like the query. */
export async function findDistricts(db: Kysely<DB>, cityId: string, query: string, limit: number): Promise<FoundRow[]> {
  const { rows } = await sql<FoundRow>`
    SELECT d.name AS title, d.id::text AS id, NULL AS subtitle, NULL::float8 AS lon, NULL::float8 AS lat,
           ARRAY[ST_XMin(d.geom), ST_YMin(d.geom), ST_XMax(d.geom), ST_YMax(d.geom)] AS bbox, ${score(sql`d.name`)} AS score
      FROM districts d, ${folded(query)}
     WHERE d.city_id = ${cityId} AND q.t <> '' AND ${matches(sql`d.name`)}
     ORDER BY score DESC LIMIT ${limit}`.execute(db)
  return rows
}

/** Participatory-budget projects on the city's public map (submitted and reviewed) whose title is like the query; `id` is `edition/proposal`. */
export async function findBudgetProjects(db: Kysely<DB>, cityId: string, query: string, limit: number): Promise<FoundRow[]> {
  const { rows } = await sql<FoundRow>`
    SELECT p.title, p.edition_id || '/' || p.id AS id, e.title->>'uk' AS subtitle,
           ST_X(ST_PointOnSurface(p.geom)) AS lon, ST_Y(ST_PointOnSurface(p.geom)) AS lat, NULL AS bbox, ${score(sql`p.title`)} AS score
      FROM budget_proposals p JOIN budget_editions e ON e.id = p.edition_id, ${folded(query)}
     WHERE e.city_id = ${cityId} AND p.feature_id IS NOT NULL AND q.t <> '' AND ${matches(sql`p.title`)}
     ORDER BY score DESC LIMIT ${limit}`.execute(db)
  return rows
}

/** Consultations on the city's public planning layers whose title is like the query. */
export async function findConsultations(db: Kysely<DB>, cityId: string, query: string, lang: Language, limit: number): Promise<FoundRow[]> {
  const { rows } = await sql<FoundRow>`
    SELECT c.title->>${lang} AS title, c.id::text AS id, l.title->>${lang} AS subtitle, NULL::float8 AS lon, NULL::float8 AS lat,
           ARRAY[ST_XMin(c.extent), ST_YMin(c.extent), ST_XMax(c.extent), ST_YMax(c.extent)] AS bbox,
           greatest(${score(sql`c.title->>'uk'`)}, ${score(sql`c.title->>'en'`)}) AS score
      FROM consultations c JOIN layers l ON l.id = c.layer_id, ${folded(query)}
     WHERE l.city_id = ${cityId} AND l.is_public AND q.t <> '' AND (${matches(sql`c.title->>'uk'`)} OR ${matches(sql`c.title->>'en'`)})
     ORDER BY score DESC LIMIT ${limit}`.execute(db)
  return rows
}
