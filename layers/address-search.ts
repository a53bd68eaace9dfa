import { sql, type Kysely } from 'kysely'
import type { DB } from '../db/index.ts'

/** An address found in the city's public layers, at a point of its feature. */
export interface AddressMatch {
  label: string
  lon: number
  lat: number
  layer: string
}

/** An address with its folded form, as the matching compares it. */
export interface IndexedAddress extends AddressMatch {
  folded: string
}

/** Lower case, apostrophes and punctuation dropped, spaces collapsed: `Кирилівська, 1-А` → `кирилівська 1 а`. */
export function foldAddress(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * The address of a feature row `f` from its public properties: `address`, or OpenStreetMap's
 * `addr_street, addr_housenumber`; null when it has neither. With {@link HAS_ADDRESS} as filter.
 */
export const FEATURE_ADDRESS = sql<string | null>`coalesce(nullif(btrim(f.public_properties->>'address'), ''),
  CASE WHEN f.public_properties ? 'addr_housenumber'
       THEN concat(f.public_properties->>'addr_street', ', ', f.public_properties->>'addr_housenumber') END)`
export const HAS_ADDRESS = sql<boolean>`(f.public_properties ? 'address' OR f.public_properties ? 'addr_street')`

// Per city, keyed by the versions of its layers: a write to any layer makes a new index, so two
// servers never answer from different data for long. Folding runs here, not in SQL, because
// PostgreSQL's lower() folds only ASCII under the C locale.
const indexes = new Map<string, { key: string; addresses: Promise<IndexedAddress[]> }>()

async function addressIndex(db: Kysely<DB>, cityId: string): Promise<IndexedAddress[]> {
  const { rows } = await sql<{ key: string | null }>`
    SELECT string_agg(id || ':' || version, ',' ORDER BY id) AS key FROM layers WHERE city_id = ${cityId} AND is_public`.execute(db)
  const key = rows[0]?.key ?? ''
  const cached = indexes.get(cityId)
  if (cached?.key === key) return cached.addresses
  const addresses = loadAddresses(db, cityId)
  indexes.set(cityId, { key, addresses })
  addresses.catch(() => indexes.delete(cityId))
  return addresses
}

async function loadAddresses(db: Kysely<DB>, cityId: string): Promise<IndexedAddress[]> {
  const { rows } = await sql<AddressMatch>`
    SELECT label, round(ST_X(p)::numeric, 6) AS lon, round(ST_Y(p)::numeric, 6) AS lat, layer
      FROM (SELECT DISTINCT ON (label) label, layer_id AS layer, ST_PointOnSurface(geom) AS p
              FROM (SELECT ${FEATURE_ADDRESS} AS label, f.geom, f.layer_id
                      FROM features f JOIN layers l ON l.id = f.layer_id
                     WHERE l.city_id = ${cityId} AND l.is_public AND ${HAS_ADDRESS}) s
             WHERE label IS NOT NULL
             ORDER BY label, layer_id) m`.execute(db)
  const byFolded = new Map<string, IndexedAddress>()
  for (const row of rows) {
    const folded = foldAddress(row.label)
    if (folded && !byFolded.has(folded)) byFolded.set(folded, { ...row, folded })
  }
  return [...byFolded.values()]
}

/**
 * Addresses of the city's public features (an `address` attribute, or OpenStreetMap's
 * `addr_street` and `addr_housenumber`) that contain every word of `query`, shortest first,
 * each address once. Reads only the public properties. Empty for a query under two letters.
 * @example searchAddresses(db, 'kyiv', 'хрещатик 22') // [{ label: 'вулиця Хрещатик, 22', lon, lat, layer }]
 */
export async function searchAddresses(db: Kysely<DB>, cityId: string, query: string, limit = 8): Promise<AddressMatch[]> {
  if (foldAddress(query).replaceAll(' ', '').length < 2) return []
  return matchAddresses(await addressIndex(db, cityId), query, limit)
}

/** The entries holding every word of `query`, shortest first, at most `limit`. */
export function matchAddresses(index: readonly IndexedAddress[], query: string, limit = 8): AddressMatch[] {
  const words = foldAddress(query).split(' ').filter(Boolean)
  if (words.join('').length < 2) return []
  return index
    .filter((entry) => words.every((word) => entry.folded.includes(word)))
    .sort((a, b) => a.label.length - b.label.length || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map(({ folded: _, ...match }) => match)
}
