/**
 * The synthetic appeals' SQL: a city's plan staged in a temporary table, placed, numbered and
 * written with a handful of bulk statements (see `synthetic-appeals.ts` for the order).
 */
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { appealsLayerId, type AppealStatus } from '../appeals/index.ts'
import type { SyntheticCategory } from './synthetic-appeal-plan.ts'
import type { PlannedEvent } from './synthetic-appeal-story.ts'

// One writer per city at a time, across processes sharing the database.
const SYNTHETIC_LOCK = 7_301_202_603
// A town with fewer mapped objects gets seeded random anchors up to this many, so its appeals
// do not all crowd round a handful of points.
const MIN_ANCHORS = 60

/** A timeline entry as `insertEvents` reads it. */
export interface StagedEvent {
  at: Date
  kind: PlannedEvent['kind']
  from_status: AppealStatus | null
  to_status: AppealStatus
  by_organisation: boolean
  response: string | null
  reason: string | null
  due_at: Date | null
}

/**
 * A planned appeal as staged in the database: snake_case to match `synthetic_plan`, with the
 * appeal id drawn ahead and what only the writer draws, random and unguessable hashes.
 */
export interface StagedRow {
  ord: number
  id: number
  category_id: string
  created_at: Date
  updated_at: Date
  description: string
  answers: Record<string, unknown>
  is_public: boolean
  status: AppealStatus
  due_at: Date
  extended_at: Date | null
  resolved_at: Date | null
  confirmed_at: Date | null
  reopen_count: number
  rejection_reason: string | null
  duplicate_of: number | null
  tracking_token_hash: string
  supporter_hashes: string[]
  events: StagedEvent[]
  anchor: number
  distance_m: number
  bearing: number
}

/** Draws `count` appeal ids ahead, in order, so a duplicate can name its original in the same insert. */
export async function drawAppealIds(trx: Transaction<DB>, count: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    SELECT nextval(pg_get_serial_sequence('appeals', 'id')) AS id FROM generate_series(1, ${count}) ORDER BY 1`.execute(trx)
  return rows.map((r) => r.id)
}

/** Copies the rows into a table that lives until the commit, typed once by `jsonb_populate_recordset`. */
export async function stageRows(trx: Transaction<DB>, rows: StagedRow[]): Promise<void> {
  await sql`
    CREATE TEMP TABLE synthetic_plan (
      ord integer PRIMARY KEY, id bigint NOT NULL, category_id text NOT NULL,
      created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, description text NOT NULL, answers jsonb NOT NULL,
      is_public boolean NOT NULL, status text NOT NULL, due_at timestamptz NOT NULL, extended_at timestamptz,
      resolved_at timestamptz, confirmed_at timestamptz, reopen_count integer NOT NULL, rejection_reason text,
      duplicate_of integer, tracking_token_hash text NOT NULL, supporter_hashes jsonb NOT NULL, events jsonb NOT NULL,
      anchor float8 NOT NULL, distance_m float8 NOT NULL, bearing float8 NOT NULL,
      number text, geom geometry(Point, 4326)
    ) ON COMMIT DROP`.execute(trx)
  await sql`INSERT INTO synthetic_plan SELECT * FROM jsonb_populate_recordset(NULL::synthetic_plan, ${JSON.stringify(rows)}::jsonb)`.execute(trx)
  // Autovacuum never analyses temporary tables; without statistics the joins below go nested.
  await sql`ANALYZE synthetic_plan`.execute(trx)
}

/**
 * Puts each staged appeal at its place: its anchor is one of the city's mapped point features
 * (shops, polling stations, stops…) in an order fixed by the seed, topped up with seeded
 * random points for sparsely mapped towns. A spot that falls outside the boundary is mirrored
 * to the anchor's other side, and failing that goes back to the anchor itself.
 */
export async function placeRows(trx: Transaction<DB>, city: string, seed: number): Promise<void> {
  // The boundary is read once, as a scalar: joined in, its vertices would travel through every sort.
  const boundary = sql`(SELECT boundary FROM cities WHERE id = ${city})`
  await sql`
    WITH mapped AS MATERIALIZED (
      SELECT ST_PointOnSurface(geom) AS pt FROM features
       WHERE layer_id = ANY (ARRAY(SELECT id FROM layers WHERE city_id = ${city} AND geometry_type = 'point' AND theme <> 'appeals'))
         AND ST_Intersects(${boundary}, geom)),
    anchors AS MATERIALIZED (
      SELECT pt FROM mapped
      UNION ALL
      SELECT (ST_Dump(ST_GeneratePoints(${boundary}, ${MIN_ANCHORS} - (SELECT count(*) FROM mapped)::int, ${seed}::int))).geom
       WHERE (SELECT count(*) FROM mapped) < ${MIN_ANCHORS}),
    ranked AS (
      SELECT row_number() OVER (ORDER BY md5(ST_AsEWKB(pt)::text || ${String(seed)}), ST_X(pt), ST_Y(pt)) - 1 AS n, pt FROM anchors),
    chosen AS (
      SELECT ord, floor(anchor * (SELECT count(*) FROM anchors))::bigint AS n, distance_m, bearing FROM synthetic_plan),
    spots AS (
      SELECT c.ord, r.pt AS anchor,
             ST_Project(r.pt::geography, c.distance_m, radians(c.bearing))::geometry AS spot,
             ST_Project(r.pt::geography, c.distance_m, radians(c.bearing + 180))::geometry AS mirrored
        FROM chosen c JOIN ranked r USING (n))
    UPDATE synthetic_plan p
       SET geom = CASE WHEN ST_Intersects(${boundary}, s.spot) THEN s.spot
                       WHEN ST_Intersects(${boundary}, s.mirrored) THEN s.mirrored
                       ELSE s.anchor END
      FROM spots s
     WHERE s.ord = p.ord`.execute(trx)
}

/**
 * Numbers the staged appeals `<CODE>-<YYYY>-<NNNNNN>` in order of filing within each Kyiv
 * year, continuing the city's counters and moving them past the last number given, so an
 * appeal filed later gets the next one.
 */
export async function numberRows(trx: Transaction<DB>, city: string): Promise<void> {
  await sql`
    WITH filed AS (
      SELECT ord, extract(year FROM created_at AT TIME ZONE 'Europe/Kyiv')::int AS year,
             row_number() OVER (PARTITION BY extract(year FROM created_at AT TIME ZONE 'Europe/Kyiv') ORDER BY created_at, ord) AS k
        FROM synthetic_plan),
    years AS (SELECT year, count(*)::int AS n FROM filed GROUP BY year),
    bumped AS (
      INSERT INTO appeal_counters (city_id, year, last)
      SELECT ${city}, year, n FROM years
      ON CONFLICT (city_id, year) DO UPDATE SET last = appeal_counters.last + excluded.last
      RETURNING year, last),
    numbered AS (
      SELECT f.ord, f.year, b.last - y.n + f.k AS seq FROM filed f JOIN years y USING (year) JOIN bumped b USING (year))
    UPDATE synthetic_plan p
       SET number = (SELECT code FROM cities WHERE id = ${city}) || '-' || n.year || '-' || lpad(n.seq::text, greatest(6, length(n.seq::text)), '0')
      FROM numbered n
     WHERE n.ord = p.ord`.execute(trx)
}

/**
 * Writes the appeals rows, all private for now: the supporters trigger then updates plain
 * rows, and {@link publishAppeals} puts each public one on the layer once, with its count.
 */
export async function insertAppeals(trx: Transaction<DB>, city: string): Promise<void> {
  await sql`
    INSERT INTO appeals (id, number, city_id, category_id, district_id, organisation_id, status, description, answers, geom,
                         is_public, show_name, locale, tracking_token_hash, source, synthetic, duplicate_of, rejection_reason,
                         due_at, extended_at, resolved_at, confirmed_at, reopen_count, created_at, updated_at)
    OVERRIDING SYSTEM VALUE
    SELECT p.id, p.number, ${city}, p.category_id, d.id, route_appeal(${city}, p.category_id, d.id), p.status,
           p.description, p.answers, p.geom, false, false, 'uk', decode(p.tracking_token_hash, 'hex'), 'synthetic', true,
           o.id, p.rejection_reason, p.due_at, p.extended_at, p.resolved_at, p.confirmed_at, p.reopen_count, p.created_at, p.updated_at
      FROM synthetic_plan p
      LEFT JOIN synthetic_plan o ON o.ord = p.duplicate_of
      LEFT JOIN LATERAL (SELECT id FROM districts WHERE city_id = ${city} AND ST_Intersects(geom, p.geom) ORDER BY id LIMIT 1) d ON true
     ORDER BY p.ord`.execute(trx)
}

/** Writes each timeline; the organisation's entries name the appeal's executor. */
export async function insertEvents(trx: Transaction<DB>): Promise<void> {
  await sql`
    INSERT INTO appeal_events (appeal_id, at, actor, organisation_id, kind, from_status, to_status, response, reason, due_at)
    SELECT p.id, e.at, 'demo-seed', CASE WHEN e.by_organisation THEN a.organisation_id END,
           e.kind, e.from_status, e.to_status, e.response, e.reason, e.due_at
      FROM synthetic_plan p JOIN appeals a ON a.id = p.id,
           jsonb_to_recordset(p.events) AS e(at timestamptz, kind text, from_status text, to_status text,
                                             by_organisation boolean, response text, reason text, due_at timestamptz)
     ORDER BY p.ord, e.at`.execute(trx)
}

/**
 * Writes the "me too" rows, spread evenly between filing and resolution (or now); the
 * supporters trigger counts them onto each appeal.
 */
export async function insertSupporters(trx: Transaction<DB>, now: Date): Promise<void> {
  await sql`
    INSERT INTO appeal_supporters (appeal_id, supporter_hash, created_at)
    SELECT p.id, decode(h.value, 'hex'),
           p.created_at + (coalesce(p.resolved_at, ${now}) - p.created_at) * (h.k::float8 / (jsonb_array_length(p.supporter_hashes) + 1))
      FROM synthetic_plan p, jsonb_array_elements_text(p.supporter_hashes) WITH ORDINALITY h(value, k)`.execute(trx)
}

/** Makes the planned public appeals public; the appeals trigger adds each to the city's layer. */
export async function publishAppeals(trx: Transaction<DB>): Promise<void> {
  await sql`UPDATE appeals a SET is_public = true FROM synthetic_plan p WHERE p.is_public AND a.id = p.id`.execute(trx)
}

/** The active categories with their terms, in the catalogue's order. */
export async function loadCategories(trx: Transaction<DB>): Promise<SyntheticCategory[]> {
  return (await sql<SyntheticCategory>`SELECT id, term_days AS "termDays" FROM appeal_categories WHERE active ORDER BY sort, id`.execute(trx)).rows
}

/** Holds the city's seeding lock until the commit: one writer per city, across processes sharing the database. */
export async function lockCitySeeding(trx: Transaction<DB>, city: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${SYNTHETIC_LOCK}::bigint + hashtext(${city}))`.execute(trx)
}

/** Whether the city can take synthetic appeals (its boundary is known) and has them already; the database's clock. */
export async function findSeedingState(trx: Transaction<DB>, city: string): Promise<{ ready: boolean; seeded: boolean; now: Date } | undefined> {
  const { rows } = await sql<{ ready: boolean; seeded: boolean; now: Date }>`
    SELECT boundary IS NOT NULL AS ready, EXISTS (SELECT 1 FROM appeals WHERE city_id = ${city} AND synthetic) AS seeded, now() AS now
      FROM cities WHERE id = ${city}`.execute(trx)
  return rows[0]
}

/** Fresh planner statistics for the tables of the city's appeals layer, after thousands of rows in one go. */
export async function analyzeAppealsLayer(trx: Transaction<DB>, city: string): Promise<void> {
  await sql`SELECT analyze_layer_tables(id) FROM layers WHERE id = ${appealsLayerId(city)}`.execute(trx)
}
