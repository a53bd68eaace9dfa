/**
 * What the search reads where it lives rather than from the index: public appeals by number,
 * layers by title, districts, budget projects and consultations by name. Each is a small table
 * per city, so the trigram similarity is computed on the fly, all in one statement.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../db/index.ts'

export type Language = 'uk' | 'en'

/** A row found, before it becomes a search result; `id` is the appeal number, the layer, the district, `edition/proposal` or the consultation. */
export interface FoundRow {
  kind: 'appeal' | 'layer' | 'district' | 'budget_project' | 'consultation'
  title: string
  subtitle: string | null
  id: string
  lon: number | null
  lat: number | null
  bbox: [number, number, number, number] | null
  score: number
}

/** The score of a text against the folded query `q.t` (`search_score`, as the index is ranked). */
const score = (text: RawBuilder<unknown>) => sql<number>`search_score(q.t, search_fold(${text}))`
const matches = (text: RawBuilder<unknown>) => sql<boolean>`(search_fold(${text}) % q.t OR q.t <% search_fold(${text}))`
const extent = (geom: RawBuilder<unknown>) => sql`ARRAY[ST_XMin(${geom}), ST_YMin(${geom}), ST_XMax(${geom}), ST_YMax(${geom})]`

/**
 * Public appeals whose number is the query or starts with it, or ends with its digits
 * (`123` finds `KYIV-2026-000123`), newest first; hidden, rejected and duplicate ones never.
 */
function appealsByNumber(cityId: string, query: string, lang: Language, limit: number): RawBuilder<unknown> {
  const upper = query.trim().toUpperCase()
  const digits = /^[0-9]{1,6}$/.test(upper) ? upper.padStart(6, '0') : null
  return sql`
    (SELECT 'appeal' AS kind, a.number AS title, c.name->>${lang} AS subtitle, a.number AS id, ST_X(a.geom) AS lon, ST_Y(a.geom) AS lat,
            NULL::float8[] AS bbox, CASE WHEN a.number = ${upper} THEN 1 ELSE 0.9 END::float8 AS score
       FROM appeals a JOIN appeal_categories c ON c.id = a.category_id
      WHERE a.city_id = ${cityId} AND a.is_public AND a.status NOT IN ('rejected', 'duplicate')
        AND (a.number LIKE ${`${upper.replace(/[%_\\]/g, '')}%`} ${digits ? sql`OR a.number LIKE ${`%-${digits}`}` : sql``})
      ORDER BY score DESC, a.created_at DESC LIMIT ${limit})
    UNION ALL`
}

/**
 * The city's public layers (by title in either language), districts, participatory-budget
 * projects on its public map and consultations on its public layers that are like the query,
 * and, when `byNumber`, its public appeals by number; at most `limit` of each, best first.
 */
export async function findLiveMatches(db: Kysely<DB>, cityId: string, query: string, lang: Language, limit: number, byNumber: boolean): Promise<FoundRow[]> {
  const { rows } = await sql<FoundRow>`
    WITH q AS (SELECT search_fold(${query}) AS t)
    ${byNumber ? appealsByNumber(cityId, query, lang, limit) : sql``}
    (SELECT 'layer' AS kind, l.title->>${lang} AS title, l.description->>${lang} AS subtitle, l.id, NULL::float8 AS lon, NULL::float8 AS lat, l.bbox,
            greatest(${score(sql`l.title->>'uk'`)}, ${score(sql`l.title->>'en'`)}) AS score
       FROM layers l, q
      WHERE l.city_id = ${cityId} AND l.is_public AND q.t <> '' AND (${matches(sql`l.title->>'uk'`)} OR ${matches(sql`l.title->>'en'`)})
      ORDER BY score DESC LIMIT ${limit})
    UNION ALL
    (SELECT 'district', d.name, NULL, d.id::text, NULL, NULL, ${extent(sql`d.geom`)}, ${score(sql`d.name`)}
       FROM districts d, q
      WHERE d.city_id = ${cityId} AND q.t <> '' AND ${matches(sql`d.name`)}
      ORDER BY 8 DESC LIMIT ${limit})
    UNION ALL
    (SELECT 'budget_project', p.title, e.title->>${lang}, p.edition_id || '/' || p.id,
            ST_X(ST_PointOnSurface(p.geom)), ST_Y(ST_PointOnSurface(p.geom)), NULL, ${score(sql`p.title`)}
       FROM budget_proposals p JOIN budget_editions e ON e.id = p.edition_id, q
      WHERE e.city_id = ${cityId} AND p.feature_id IS NOT NULL AND q.t <> '' AND ${matches(sql`p.title`)}
      ORDER BY 8 DESC LIMIT ${limit})
    UNION ALL
    (SELECT 'consultation', c.title->>${lang}, l.title->>${lang}, c.id::text, NULL, NULL, ${extent(sql`c.extent`)},
            greatest(${score(sql`c.title->>'uk'`)}, ${score(sql`c.title->>'en'`)})
       FROM consultations c JOIN layers l ON l.id = c.layer_id, q
      WHERE l.city_id = ${cityId} AND l.is_public AND q.t <> '' AND (${matches(sql`c.title->>'uk'`)} OR ${matches(sql`c.title->>'en'`)})
      ORDER BY 8 DESC LIMIT ${limit})`.execute(db)
  return rows
}
