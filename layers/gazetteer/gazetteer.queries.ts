/**
 * The city's search index: addresses (the gazetteer), streets, named features and parcels of
 * its public layers, rebuilt in one transaction when the layers change, and read by trigram
 * similarity of `search_fold`ed text (db/migrations/027_search.sql).
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import { type DB, lonLatPoint } from '../../db/index.ts'
import { FEATURE_ADDRESS, HAS_ADDRESS } from './feature-address.ts'

/** What the index holds: one row of `search_index`, as the search reads it. */
export interface IndexEntry {
  kind: 'address' | 'street' | 'feature' | 'parcel'
  title: string
  subtitle: string | null
  layer_id: string | null
  feature_id: number | null
  url: string | null
  lon: number
  lat: number
  bbox: [number, number, number, number] | null
  score: number
}

// The appeals and the budget projects are searched where they live (by number, by title): their
// layers change with every filing and vote, and must not rebuild the index each time.
const INDEXED_LAYER = sql<boolean>`(l.is_public AND l.id NOT LIKE '%-appeals' AND l.id NOT LIKE '%-budget-proposals')`

/** A cadastral number in the public properties of a feature row `f`, as the land layers name it. */
const CADASTRAL_NUMBER = sql<string | null>`coalesce(f.public_properties->>'cadastral_number', f.public_properties->>'cadnum')`
const CADASTRAL_PATTERN = '^[0-9]{10}:[0-9]{2}:[0-9]{3}:[0-9]{4}$'

/** The page of a feature row `f` of layer `l` where it has one: a register object's. */
const FEATURE_PAGE = sql<string | null>`CASE WHEN l.id LIKE '%-property' AND f.public_properties ? 'property' THEN '/property/' || (f.public_properties->>'property') END`

/**
 * The ids and versions of the layers the city's index is to be built from (`current`), and those
 * it was last built from (`indexed`, undefined before the first build): a new key means a rebuild.
 */
export async function readIndexKeys(db: Kysely<DB> | Transaction<DB>, cityId: string): Promise<{ current: string; indexed: string | undefined }> {
  const { rows } = await sql<{ current: string | null; indexed: string | null }>`
    SELECT (SELECT string_agg(l.id || ':' || l.version, ',' ORDER BY l.id) FROM layers l WHERE l.city_id = ${cityId} AND ${INDEXED_LAYER}) AS current,
           (SELECT layers_key FROM search_index_state WHERE city_id = ${cityId}) AS indexed`.execute(db)
  return { current: rows[0]?.current ?? '', indexed: rows[0]?.indexed ?? undefined }
}

/** Holds the city's index for this transaction, so two rebuilds never interleave. */
export async function lockCityIndex(trx: Transaction<DB>, cityId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`search_index:${cityId}`}))`.execute(trx)
}

/**
 * Rebuilds the city's index from its public layers; returns how many entries it holds. An
 * address is one entry however many layers name it (OpenStreetMap's buildings first); a street
 * is named by the streets layer or by the buildings' `addr_street`, with the extent of both.
 */
export async function rebuildCityIndex(trx: Transaction<DB>, cityId: string, layersKey: string): Promise<number> {
  // A rebuild of a city with 100 000 features is an operator-sized job, not a request's.
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
  await trx.deleteFrom('search_index').where('city_id', '=', cityId).execute()
  await sql`
    INSERT INTO search_index (city_id, kind, title, subtitle, search_text, layer_id, feature_id, point)
    SELECT DISTINCT ON (search_fold(label)) ${cityId}, 'address', label, title->>'uk', search_fold(label), layer_id, id, p
      FROM (SELECT ${FEATURE_ADDRESS} AS label, l.title, f.layer_id, f.id, ST_PointOnSurface(f.geom) AS p
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND ${INDEXED_LAYER} AND ${HAS_ADDRESS}) a
     WHERE label IS NOT NULL AND search_fold(label) <> ''
     ORDER BY search_fold(label), (layer_id LIKE '%-osm-buildings') DESC, layer_id, id`.execute(trx)
  await sql`
    INSERT INTO search_index (city_id, kind, title, search_text, layer_id, point, bbox)
    SELECT ${cityId}, 'street', min(name), key, min(layer_id),
           ST_ClosestPoint(ST_Collect(p), ST_Centroid(ST_Collect(p))),
           ARRAY[ST_XMin(ST_Extent(geom)), ST_YMin(ST_Extent(geom)), ST_XMax(ST_Extent(geom)), ST_YMax(ST_Extent(geom))]
      FROM (SELECT f.public_properties->>'name' AS name, search_fold(f.public_properties->>'name') AS key, f.layer_id, f.geom,
                   ST_ClosestPoint(f.geom, ST_Centroid(f.geom)) AS p
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND ${INDEXED_LAYER} AND l.id LIKE '%-osm-streets' AND f.public_properties->>'name' <> ''
            UNION ALL
            SELECT f.public_properties->>'addr_street', search_fold(f.public_properties->>'addr_street'), NULL, f.geom, ST_PointOnSurface(f.geom)
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND ${INDEXED_LAYER} AND f.public_properties->>'addr_street' <> '') s
     WHERE key <> ''
     GROUP BY key`.execute(trx)
  await sql`
    INSERT INTO search_index (city_id, kind, title, subtitle, search_text, layer_id, feature_id, url, point)
    SELECT DISTINCT ON (number) ${cityId}, 'parcel', number, title->>'uk', translate(number, ':', ''), layer_id, id, url, p
      FROM (SELECT ${CADASTRAL_NUMBER} AS number, l.title, f.layer_id, f.id, ${FEATURE_PAGE} AS url, ST_PointOnSurface(f.geom) AS p
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND ${INDEXED_LAYER} AND (f.public_properties ? 'cadastral_number' OR f.public_properties ? 'cadnum')) c
     WHERE number ~ ${CADASTRAL_PATTERN}
     ORDER BY number, (layer_id LIKE '%-property') DESC, layer_id, id`.execute(trx)
  // Named features of the data layers: the streets, buildings and parcels are found above.
  await sql`
    INSERT INTO search_index (city_id, kind, title, subtitle, search_text, layer_id, feature_id, url, point, bbox)
    SELECT ${cityId}, 'feature', left(name, 300), title->>'uk', search_fold(left(name, 300)), layer_id, id, url, ST_PointOnSurface(geom),
           CASE WHEN GeometryType(geom) <> 'POINT' THEN ARRAY[ST_XMin(geom), ST_YMin(geom), ST_XMax(geom), ST_YMax(geom)] END
      FROM (SELECT coalesce(nullif(btrim(f.public_properties->>(l.style->>'label')), ''), nullif(btrim(f.public_properties->>'name'), ''),
                            nullif(btrim(f.public_properties->>'title'), '')) AS name,
                   l.title, f.layer_id, f.id, ${FEATURE_PAGE} AS url, f.geom
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND ${INDEXED_LAYER}
               AND l.id NOT LIKE '%-osm-streets' AND l.id NOT LIKE '%-osm-buildings') n
     WHERE name IS NOT NULL AND name !~ ${CADASTRAL_PATTERN} AND search_fold(left(name, 300)) <> ''`.execute(trx)
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_index WHERE city_id = ${cityId}`.execute(trx)
  const entries = rows[0]?.n ?? 0
  await sql`
    INSERT INTO search_index_state (city_id, layers_key, entries) VALUES (${cityId}, ${layersKey}, ${entries})
    ON CONFLICT (city_id) DO UPDATE SET layers_key = EXCLUDED.layers_key, entries = EXCLUDED.entries, refreshed_at = now()`.execute(trx)
  return entries
}

// Coordinates to 6 decimals (about 10 cm), as the API gives them.
const ENTRY_COLUMNS = sql`kind, title, subtitle, layer_id, feature_id, url, round(ST_X(point)::numeric, 6)::float8 AS lon, round(ST_Y(point)::numeric, 6)::float8 AS lat, bbox`

/**
 * The entries whose folded text is like the query's (trigram similarity, or the query's words
 * inside it), best first; a score of 1 is the same text.
 */
export async function findSimilarEntries(db: Kysely<DB>, cityId: string, query: string, limit: number, kinds?: readonly IndexEntry['kind'][]): Promise<IndexEntry[]> {
  const { rows } = await sql<IndexEntry>`
    WITH q AS (SELECT search_fold(${query}) AS t)
    SELECT ${ENTRY_COLUMNS}, search_score(q.t, search_text) AS score
      FROM search_index, q
     WHERE city_id = ${cityId} AND q.t <> '' AND (search_text % q.t OR q.t <% search_text)
       ${kinds ? sql`AND kind = ANY(${[...kinds]}::text[])` : sql``}
     ORDER BY score DESC, array_position(ARRAY['address', 'street', 'parcel', 'feature'], kind), length(title), title
     LIMIT ${limit}`.execute(db)
  return rows
}

/** Parcels whose cadastral number starts with these digits, in number order. */
export async function findParcelsByNumber(db: Kysely<DB>, cityId: string, digits: string, limit: number): Promise<IndexEntry[]> {
  const { rows } = await sql<IndexEntry>`
    SELECT ${ENTRY_COLUMNS}, (${digits.length}::float8 / length(search_text)) AS score
      FROM search_index
     WHERE city_id = ${cityId} AND kind = 'parcel' AND search_text LIKE ${`${digits}%`}
     ORDER BY search_text
     LIMIT ${limit}`.execute(db)
  return rows
}

/** The address nearest the point within `radiusM` metres, with its distance; undefined when none is. */
export async function findNearestAddress(db: Kysely<DB> | Transaction<DB>, cityId: string, lon: number, lat: number, radiusM: number): Promise<{ title: string; distance_m: number } | undefined> {
  const { rows } = await sql<{ title: string; distance_m: number }>`
    SELECT title, distance_m FROM nearest_address(${cityId}, ${lonLatPoint(lon, lat)}, ${radiusM})`.execute(db)
  return rows[0]
}
