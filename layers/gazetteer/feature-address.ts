import { sql } from 'kysely'

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
