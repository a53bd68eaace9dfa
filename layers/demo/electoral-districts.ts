/**
 * Kyiv's territorial electoral districts (ТВО №211–223) as polygons. No official boundary file
 * is public, so they are derived from the 2019 polling stations, each of which names its
 * district: every point of the city belongs to the district of its nearest polling station.
 */
import { sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type AttributeField, type LayerDefinition, type LocalizedText, saveLayerDefinition } from '../catalogue/index.ts'
import { TILE_MAXZOOM } from './define-source.ts'
import { ELECTIONS_ATTRIBUTION } from './kyiv-sources.ts'

/** Id of the derived layer; the deputies API finds a city's districts as `<city>-electoral-districts`. */
export const ELECTORAL_DISTRICTS_LAYER = 'kyiv-electoral-districts'

// Both demo layers store the district number as `tvo`; only the results file has voters.
const STATIONS_LAYER = 'kyiv-polling-stations'
const RESULTS_LAYER = 'kyiv-election-results-2019'
// One builder at a time across replicas starting together, so the layer is built once.
const BUILD_LOCK = 7_301_202_608

/**
 * The deputy's public fields as the districts layer carries them: feature property → column of
 * `deputies`. The deputies module writes them; the layer only declares them.
 */
export const DEPUTY_PROPERTIES = {
  deputy_name: 'name',
  deputy_faction: 'faction',
  deputy_reception_address: 'reception_address',
  deputy_reception_hours: 'reception_hours',
  deputy_email: 'email',
  deputy_phone: 'phone',
} as const

const DEPUTY_LABELS: Record<keyof typeof DEPUTY_PROPERTIES, LocalizedText> = {
  deputy_name: { uk: 'Депутат', en: 'Deputy' },
  deputy_faction: { uk: 'Фракція', en: 'Faction' },
  deputy_reception_address: { uk: 'Громадська приймальня', en: 'Reception office' },
  deputy_reception_hours: { uk: 'Години прийому', en: 'Reception hours' },
  deputy_email: { uk: 'Ел. пошта приймальні', en: 'Office e-mail' },
  deputy_phone: { uk: 'Телефон приймальні', en: 'Office phone' },
}

const ATTRIBUTES: AttributeField[] = [
  { name: 'number', type: 'integer', label: { uk: 'Номер округу', en: 'District number' }, public: true, overview: true },
  { name: 'name', type: 'string', label: { uk: 'Округ', en: 'District' }, public: true, overview: true },
  { name: 'station_count', type: 'integer', label: { uk: 'Виборчих дільниць', en: 'Polling stations' }, public: true },
  { name: 'voters', type: 'integer', label: { uk: 'Виборців у списках (2019)', en: 'Registered voters (2019)' }, public: true },
  ...Object.entries(DEPUTY_LABELS).map(([name, label]) => ({ name, type: 'string' as const, label, public: true })),
]

/** The catalogue entry of Kyiv's electoral districts: outlined polygons labelled "ТВО №…". */
export const ELECTORAL_DISTRICTS_DEFINITION: LayerDefinition = {
  id: ELECTORAL_DISTRICTS_LAYER,
  city: 'kyiv',
  theme: 'elections',
  title: { uk: 'Виборчі округи депутатів (ТВО)', en: "Deputies' electoral districts (TVO)" },
  description: {
    uk: 'Територіальні виборчі округи №211–223, відновлені за виборчими дільницями 2019 року: кожна точка міста належить до округу найближчої дільниці. Межі наближені.',
    en: 'Territorial electoral districts no. 211–223 reconstructed from the 2019 polling stations: every point of the city belongs to the district of its nearest station. The lines are approximate.',
  },
  geometryType: 'polygon',
  attributes: ATTRIBUTES,
  style: { color: '#00897b', stroke: '#00695c', opacity: 0.06, width: 2, label: 'name' },
  minzoom: 8,
  maxzoom: TILE_MAXZOOM,
  licence: 'ISC',
  attribution: ELECTIONS_ATTRIBUTION,
}

/**
 * Writes the layer's catalogue row and, when it has no features yet, builds them, inside the
 * caller's transaction so that whatever the caller derives from the new districts commits with
 * them. Safe at every start: a built layer keeps its features and version. Returns whether it
 * built them.
 */
export async function ensureElectoralDistricts(trx: Transaction<DB>): Promise<boolean> {
  await sql`SELECT pg_advisory_xact_lock(${BUILD_LOCK})`.execute(trx)
  await saveLayerDefinition(trx, ELECTORAL_DISTRICTS_DEFINITION)
  const built = await sql`SELECT 1 FROM features WHERE layer_id = ${ELECTORAL_DISTRICTS_LAYER} LIMIT 1`.execute(trx)
  if (built.rows.length) return false
  await insertDistrictPolygons(trx)
  return true
}

/**
 * One feature per district: the Voronoi cells of the stations, dissolved by district and clipped
 * to the city boundary. The cells are computed with longitude scaled by cos(latitude) — an affine
 * map, so straight edges stay straight and scaling back is exact — which makes the degrees locally
 * metric (at Kyiv a degree of longitude is only 0.64 of a degree of latitude). Dissolving before
 * clipping keeps it to 13 intersections with the detailed boundary instead of 1,106 (1.2 s vs 21 s
 * on PostgreSQL 15). Every station lies strictly inside its own cell, hence inside its district.
 */
async function insertDistrictPolygons(trx: Transaction<DB>): Promise<void> {
  await sql`
    WITH b AS (SELECT boundary AS geom, cos(radians(ST_Y(center))) AS k FROM cities WHERE id = ${ELECTORAL_DISTRICTS_DEFINITION.city}),
         s AS (SELECT (properties->>'tvo')::int AS tvo, geom FROM features WHERE layer_id = ${STATIONS_LAYER}),
         cells AS (
           SELECT ST_Scale((ST_Dump(ST_VoronoiPolygons(ST_Collect(ST_Scale(s.geom, b.k, 1)), 0, ST_Scale(ST_Expand(b.geom, 0.1), b.k, 1)))).geom, 1 / b.k, 1) AS cell
             FROM s, b GROUP BY b.geom, b.k),
         merged AS (
           SELECT s.tvo, ST_Union(c.cell) AS geom, count(*)::int AS stations
             FROM cells c JOIN s ON c.cell && s.geom AND ST_Intersects(c.cell, s.geom)
            GROUP BY s.tvo),
         voters AS (
           SELECT (properties->>'tvo')::int AS tvo, sum((properties->>'voters')::int)::int AS voters
             FROM features WHERE layer_id = ${RESULTS_LAYER} GROUP BY 1)
    INSERT INTO features (layer_id, properties, geom)
    SELECT ${ELECTORAL_DISTRICTS_LAYER},
           jsonb_strip_nulls(jsonb_build_object('number', m.tvo, 'name', electoral_district_name(m.tvo), 'station_count', m.stations, 'voters', v.voters)),
           ST_Multi(ST_CollectionExtract(ST_MakeValid(ST_Intersection(m.geom, b.geom)), 3))
      FROM merged m CROSS JOIN b LEFT JOIN voters v ON v.tvo = m.tvo
     ORDER BY m.tvo`.execute(trx)
}
