import { type Kysely, sql } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import type { ProposalGeometry } from '../contract/index.ts'

/** How far around a proposal the pre-check looks for appeals, proposals and repairs, in metres. */
export const NEARBY_RADIUS_M = 300

/** The most of each kind the pre-check lists. */
const LIMIT = 10

const place = (geometry: ProposalGeometry) => sql`ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geometry)}), 4326)`

/** Whether a drawn place can be stored: valid, with the database's reason when not. */
export async function checkPlace(db: Kysely<DB>, geometry: ProposalGeometry): Promise<{ valid: boolean; reason: string }> {
  const { rows } = await sql<{ valid: boolean; reason: string }>`SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason FROM ${place(geometry)} AS g`.execute(db)
  return rows[0]!
}

/**
 * The district a place falls in: the one holding a point, or the one holding the largest part
 * of an area; and how many districts the area touches.
 */
export async function districtOfPlace(db: Kysely<DB>, cityId: string, geometry: ProposalGeometry): Promise<{ district: { id: number; name: string } | null; touched: number }> {
  const { rows } = await sql<{ id: number; name: string; touched: number }>`
    SELECT d.id, d.name, count(*) OVER ()::int AS touched
      FROM districts d, ${place(geometry)} AS g
     WHERE d.city_id = ${cityId} AND ST_Intersects(d.geom, g)
     ORDER BY ST_Area(ST_Intersection(d.geom, g)) DESC, ST_Contains(d.geom, ST_PointOnSurface(g)) DESC, d.id
     LIMIT 1`.execute(db)
  const row = rows[0]
  return row ? { district: { id: row.id, name: row.name }, touched: row.touched } : { district: null, touched: 0 }
}

/** A parcel under a place, as its layer describes it. */
export interface LandRow {
  layer: string
  feature_id: number
  cadnum: string | null
  ownership_text: string | null
  purpose: string | null
  share: number
}

/**
 * The parcels under a place, from the city's public land layers (theme `property-land`): the
 * share of the place's area on each (1 for a point on it), the largest first.
 */
export async function landUnderPlace(db: Kysely<DB>, cityId: string, geometry: ProposalGeometry): Promise<LandRow[]> {
  const { rows } = await sql<LandRow>`
    WITH g AS (SELECT ${place(geometry)} AS geom)
    SELECT f.layer_id AS layer, f.id::int AS feature_id,
           nullif(coalesce(f.properties ->> 'cadnum', f.properties ->> 'cadastral_number'), '') AS cadnum,
           nullif(coalesce(f.properties ->> 'ownership', f.properties ->> 'owner_type'), '') AS ownership_text,
           nullif(coalesce(f.properties ->> 'purpose', f.properties ->> 'land_use'), '') AS purpose,
           CASE WHEN ST_Dimension(g.geom) = 0 THEN 1
                ELSE round(least(1, ST_Area(ST_Intersection(f.geom, g.geom)::geography) / nullif(ST_Area(g.geom::geography), 0))::numeric, 3)::float8 END AS share
      FROM g, layers l JOIN features f ON f.layer_id = l.id
     WHERE l.city_id = ${cityId} AND l.theme = 'property-land' AND l.is_public
       AND f.geom && g.geom AND ST_Intersects(f.geom, g.geom)
     ORDER BY share DESC, f.id
     LIMIT ${LIMIT}`.execute(db)
  return rows
}

/** A plan a place falls in. */
export interface PlanRow {
  layer: string
  title: LocalizedJson
  document_type: string | null
  status: string
  feature_id: number
  label: string | null
}

/** The features of the city's public planning layers (a plan or a zoning) that a place falls in, one per layer and zone. */
export async function plansAtPlace(db: Kysely<DB>, cityId: string, geometry: ProposalGeometry): Promise<PlanRow[]> {
  const { rows } = await sql<PlanRow>`
    WITH g AS (SELECT ${place(geometry)} AS geom)
    SELECT DISTINCT ON (l.id, label) l.id AS layer, l.title, l.document_type, l.status, f.id::int AS feature_id,
           nullif(coalesce(f.properties ->> (l.style ->> 'categoryField'), f.properties ->> (l.style ->> 'label'), f.properties ->> 'name', f.properties ->> 'zone'), '') AS label
      FROM g, layers l JOIN features f ON f.layer_id = l.id
     WHERE l.city_id = ${cityId} AND l.is_public AND l.geometry_type = 'polygon'
       AND (l.document_type IN ('general-plan', 'zoning-plan', 'detailed-plan', 'comprehensive-plan') OR l.theme = 'urban-planning')
       AND f.geom && g.geom AND ST_Intersects(f.geom, g.geom)
     ORDER BY l.id, label, f.id
     LIMIT ${LIMIT}`.execute(db)
  return rows
}

/** Something near a place. */
export interface NearbyRow {
  kind: 'appeal' | 'proposal' | 'repair'
  id: string
  title: string
  status: string
  distance_m: number
}

/**
 * Within {@link NEARBY_RADIUS_M} of a place: the city's open public appeals, the proposals of the
 * edition (but the one checked), and features of public repair layers; the nearest first.
 */
export async function nearPlace(db: Kysely<DB>, cityId: string, editionId: number, exceptProposal: number | null, geometry: ProposalGeometry): Promise<NearbyRow[]> {
  const { rows } = await sql<NearbyRow>`
    WITH g AS (SELECT ${place(geometry)} AS geom, ${place(geometry)}::geography AS geog)
    (SELECT 'appeal' AS kind, a.number AS id, c.name ->> 'uk' AS title, a.status, round(ST_Distance(a.geom::geography, g.geog))::float8 AS distance_m
       FROM g, appeals a JOIN appeal_categories c ON c.id = a.category_id
      WHERE a.city_id = ${cityId} AND a.is_public AND a.status NOT IN ('resolved', 'rejected', 'duplicate')
        AND ST_DWithin(a.geom::geography, g.geog, ${NEARBY_RADIUS_M})
      ORDER BY distance_m, a.id LIMIT ${LIMIT})
    UNION ALL
    (SELECT 'proposal', p.id::text, p.title, p.status, round(ST_Distance(p.geom::geography, g.geog))::float8
       FROM g, budget_proposals p
      WHERE p.edition_id = ${editionId} AND p.status IN ('submitted', 'feasible', 'not_feasible') AND p.id IS DISTINCT FROM ${exceptProposal}::bigint
        AND ST_DWithin(p.geom::geography, g.geog, ${NEARBY_RADIUS_M})
      ORDER BY 5, p.id LIMIT ${LIMIT})
    UNION ALL
    (SELECT 'repair', f.id::text, coalesce(f.properties ->> 'name', f.properties ->> 'title', l.title ->> 'uk'), coalesce(f.properties ->> 'status', ''), round(ST_Distance(f.geom::geography, g.geog))::float8
       FROM g, layers l JOIN features f ON f.layer_id = l.id
      WHERE l.city_id = ${cityId} AND l.theme = 'repairs' AND l.is_public
        AND ST_DWithin(f.geom::geography, g.geog, ${NEARBY_RADIUS_M})
      ORDER BY 5, f.id LIMIT ${LIMIT})`.execute(db)
  return rows.sort((a, b) => a.distance_m - b.distance_m)
}
