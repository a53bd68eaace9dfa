/**
 * The SQL of the register importer: where a parcel is by its cadastral number, the city's address
 * points, the city's organisations, and the upsert of register lines.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely'
import type { DB } from '../../../db/index.ts'
import type { RegisterField } from './register-columns.ts'
import { FEATURE_ADDRESS, HAS_ADDRESS } from '../../../layers/index.ts'
import type { RegisterLine } from './register-line.ts'

/** A geometry as hex EWKB, the form PostGIS reads back exactly with a `::geometry` cast. */
export type GeometryHex = string & { readonly __brand: 'GeometryHex' }

/**
 * The geometry of each parcel of `cadastralNumbers` in the city: from the register's own land
 * objects first, then from the public features of the city's land layers (theme `property-land`)
 * whose `cadnum` property is the number. A number found nowhere is absent from the map.
 */
export async function findParcels(db: Kysely<DB>, cityId: string, cadastralNumbers: readonly string[]): Promise<Map<string, GeometryHex>> {
  if (cadastralNumbers.length === 0) return new Map()
  const { rows } = await sql<{ cadnum: string; geom: GeometryHex }>`
    SELECT DISTINCT ON (cadnum) cadnum, encode(ST_AsEWKB(geom), 'hex') AS geom
      FROM (SELECT cadastral_number AS cadnum, geom, 0 AS rank
              FROM property_objects
             WHERE city_id = ${cityId} AND kind = 'land' AND geom IS NOT NULL AND cadastral_number = ANY(${cadastralNumbers}::text[])
            UNION ALL
            SELECT f.properties ->> 'cadnum', f.geom, 1
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND l.theme = 'property-land' AND l.is_public
               AND f.properties ->> 'cadnum' = ANY(${cadastralNumbers}::text[])) found
     ORDER BY cadnum, rank`.execute(db)
  return new Map(rows.map((row) => [row.cadnum, row.geom]))
}

/** An address point of the city: the address as its feature writes it, and a point on the feature. */
export interface AddressPoint {
  label: string
  lon: number
  lat: number
  geom: GeometryHex
}

/**
 * Every address point of the city: the public features of its public layers that carry an
 * address (`FEATURE_ADDRESS`, as the address search reads them), at a point on each. The city's
 * own property layer is left out: its addresses are the register's, not places found on the map.
 */
export async function listAddressPoints(db: Kysely<DB>, cityId: string): Promise<AddressPoint[]> {
  const { rows } = await sql<AddressPoint>`
    SELECT label, ST_X(p) AS lon, ST_Y(p) AS lat, encode(ST_AsEWKB(p), 'hex') AS geom
      FROM (SELECT ${FEATURE_ADDRESS} AS label, ST_PointOnSurface(f.geom) AS p
              FROM features f JOIN layers l ON l.id = f.layer_id
             WHERE l.city_id = ${cityId} AND l.is_public AND l.id <> ${`${cityId}-property`} AND ${HAS_ADDRESS}) a
     WHERE label IS NOT NULL`.execute(db)
  return rows
}

/** The city's organisations with their Ukrainian names. */
export async function listCityOrganisations(db: Kysely<DB>, cityId: string): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await sql<{ id: string; name: string }>`
    SELECT id, name ->> 'uk' AS name FROM organisations WHERE city_id = ${cityId} AND name ? 'uk'`.execute(db)
  return rows
}

/** A register line with where it goes. */
export interface PlacedLine extends RegisterLine {
  balanceHolderId: string | null
  /** The place found, or null for a line written without one. */
  geom: GeometryHex | null
  /** Whether the place is reduced to a point on it (premises and buildings on a parcel). */
  pointOnSurface: boolean
}

/** Lines per INSERT: about 30 parameters each, far under PostgreSQL's 65,535. */
const BATCH = 500

function placeOf(line: PlacedLine): RawBuilder<string | null> {
  if (line.geom === null) return sql<null>`NULL::geometry`
  return line.pointOnSurface ? sql<string>`ST_PointOnSurface(${line.geom}::geometry)` : sql<string>`${line.geom}::geometry`
}

/** The register's columns each field of a file writes. */
const FIELD_COLUMNS: Record<RegisterField, readonly string[]> = {
  edrpou: ['balance_holder_edrpou'],
  holderName: ['balance_holder_name', 'balance_holder_id'],
  inventoryNumber: ['inventory_number'],
  registerId: [],
  kind: ['kind'],
  name: ['name'],
  address: ['address'],
  cadastralNumber: ['cadastral_number'],
  purposeCode: ['purpose_code'],
  purpose: ['purpose', 'purpose_code'],
  areaM2: ['area_m2'],
  areaHa: ['area_m2'],
  normativeValue: ['normative_value'],
  nk018Class: ['nk018_class'],
  rightsRegistration: ['rights_registration'],
  condition: ['condition'],
  owner: ['owner_name'],
  user: ['user_kind', 'user_name'],
  lessee: ['lessee_kind', 'lessee_name'],
  status: ['status', 'auction_lot_id'],
  leasedFrom: ['leased_from'],
  leasedUntil: ['leased_until'],
  auctionLotId: ['auction_lot_id'],
  utilities: ['utilities'],
}

/**
 * Writes the lines into `property_objects` of the city (`source = 'import'`), a line already
 * there under the same register id updated in place; the district is the one the place's point
 * on surface lies in. A line that could not be placed keeps the place an earlier import or staff
 * gave it, and a line updated keeps the values of the columns the file does not have (`fields`). Runs inside the caller's transaction; returns how many lines were written.
 */
export async function upsertRegisterLines(trx: Transaction<DB>, cityId: string, lines: readonly PlacedLine[], fields: ReadonlySet<RegisterField>): Promise<number> {
  // A line already there keeps what the file does not say: a file without an area column leaves the areas alone.
  const updated = [...fields].flatMap((f) => FIELD_COLUMNS[f]).filter((c, i, all) => all.indexOf(c) === i)
  let written = 0
  for (let start = 0; start < lines.length; start += BATCH) {
    const batch = lines.slice(start, start + BATCH)
    const result = await trx
      .insertInto('property_objects')
      .values(
        batch.map((line) => ({
          city_id: cityId,
          kind: line.kind,
          register_id: line.registerId,
          name: line.name,
          cadastral_number: line.cadastralNumber,
          inventory_number: line.inventoryNumber,
          balance_holder_id: line.balanceHolderId,
          balance_holder_name: line.holderName,
          balance_holder_edrpou: line.edrpou,
          owner_name: line.ownerName,
          user_kind: line.userKind,
          user_name: line.userName,
          nk018_class: line.nk018Class,
          purpose_code: line.purposeCode,
          purpose: line.purpose,
          area_m2: line.areaM2,
          normative_value: line.normativeValue,
          rights_registration: line.rightsRegistration,
          condition: line.condition,
          utilities: line.utilities,
          status: line.status,
          lessee_kind: line.lesseeKind,
          lessee_name: line.lesseeName,
          leased_from: line.leasedFrom,
          leased_until: line.leasedUntil,
          auction_lot_id: line.auctionLotId,
          address: line.address,
          geom: placeOf(line),
          district_id: sql<number | null>`(SELECT d.id FROM districts d
                                             WHERE d.city_id = ${cityId} AND ST_Intersects(d.geom, ST_PointOnSurface(${placeOf(line)}))
                                             ORDER BY d.id LIMIT 1)`,
          source: 'import' as const,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['city_id', 'register_id']).doUpdateSet(() => ({
          ...Object.fromEntries(updated.map((column) => [column, sql.ref(`excluded.${column}`)])),
          // A person recorded as such leaves no name behind, whatever the line had before.
          ...(updated.includes('user_kind') && { user_name: sql`CASE WHEN excluded.user_kind = 'organisation' THEN excluded.user_name END` }),
          ...(updated.includes('lessee_kind') && { lessee_name: sql`CASE WHEN excluded.lessee_kind = 'organisation' THEN excluded.lessee_name END` }),
          geom: sql`coalesce(excluded.geom, property_objects.geom)`,
          district_id: sql`CASE WHEN excluded.geom IS NULL THEN property_objects.district_id ELSE excluded.district_id END`,
          source: sql`excluded.source`,
          updated_at: sql`now()`,
        })),
      )
      .executeTakeFirst()
    written += Number(result.numInsertedOrUpdatedRows ?? 0)
  }
  return written
}
