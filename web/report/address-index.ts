import { z } from 'zod'
import type { LayerSummary } from '../api-client/api-schemas.ts'
import { fetchJson } from '../api-client/fetch-json.ts'

/** An address the resident can pick, at a representative point of its feature. */
export interface AddressEntry {
  label: string
  lon: number
  lat: number
  /** The label folded for matching (see {@link foldAddress}). */
  folded: string
}

/**
 * Layers larger than this are not searched: the search downloads its sources whole, and a
 * layer of thousands of shops would cost a phone megabytes for a handful of extra streets.
 */
const MAX_SOURCE_FEATURES = 2000
const PAGE_SIZE = 1000

const FeaturePageSchema = z.object({
  features: z.array(
    z.object({
      properties: z.record(z.string(), z.unknown()),
      geometry: z.object({ type: z.string(), coordinates: z.unknown() }).nullable(),
    }),
  ),
})

/**
 * The city's layers that can answer an address search: those whose features carry an
 * `address`, or `addr_street` and `addr_housenumber` (OpenStreetMap buildings), and are small
 * enough to download. Returns an empty list when the city has none.
 */
export function addressSourceLayers(layers: readonly LayerSummary[]): LayerSummary[] {
  return layers.filter((layer) => {
    const names = new Set(layer.attributes.map((attribute) => attribute.name))
    const hasAddress = names.has('address') || (names.has('addr_street') && names.has('addr_housenumber'))
    return hasAddress && layer.feature_count > 0 && layer.feature_count <= MAX_SOURCE_FEATURES
  })
}

/** Downloads the features of the source layers and lists their distinct addresses. */
export async function loadAddressIndex(layers: readonly LayerSummary[], signal: AbortSignal): Promise<AddressEntry[]> {
  const pages = await Promise.all(
    layers.flatMap((layer) =>
      Array.from({ length: Math.ceil(layer.feature_count / PAGE_SIZE) }, (_, page) =>
        fetchJson(`/api/layers/${encodeURIComponent(layer.id)}/features?limit=${PAGE_SIZE}&offset=${page * PAGE_SIZE}`, FeaturePageSchema, signal),
      ),
    ),
  )
  const byLabel = new Map<string, AddressEntry>()
  for (const feature of pages.flatMap((page) => page.features)) {
    const label = addressOf(feature.properties)
    const point = feature.geometry && representativePoint(feature.geometry.coordinates)
    if (!label || !point) continue
    const folded = foldAddress(label)
    if (!byLabel.has(folded)) byLabel.set(folded, { label, lon: point[0], lat: point[1], folded })
  }
  return [...byLabel.values()]
}

/**
 * The addresses that contain every word of `query`, shortest first (the closest matches), at
 * most `limit`. Returns nothing for a query shorter than two characters.
 * @example searchAddresses(index, 'хрещатик 22') // [{ label: 'вулиця Хрещатик, 22', … }]
 */
export function searchAddresses(index: readonly AddressEntry[], query: string, limit = 8): AddressEntry[] {
  const words = foldAddress(query).split(' ').filter(Boolean)
  if (words.join('').length < 2) return []
  return index
    .filter((entry) => words.every((word) => entry.folded.includes(word)))
    .sort((a, b) => a.label.length - b.label.length || a.label.localeCompare(b.label))
    .slice(0, limit)
}

/** Lower case, apostrophes and punctuation dropped, spaces collapsed: `Кирилівська, 1-А` → `кирилівська 1 а`. */
export function foldAddress(text: string): string {
  return text
    .toLowerCase()
    .replace(/['’ʼ`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

function addressOf(properties: Record<string, unknown>): string | undefined {
  const { address, addr_street: street, addr_housenumber: house } = properties
  if (typeof address === 'string' && address.trim() !== '') return address.trim()
  if (typeof street === 'string' && street !== '' && (typeof house === 'string' || typeof house === 'number')) return `${street}, ${house}`
  return undefined
}

/** The centre of the bounding box of any GeoJSON coordinates: a point for a point, near the middle for a building. */
function representativePoint(coordinates: unknown): [number, number] | undefined {
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return
    const [x, y] = value
    if (typeof x === 'number' && typeof y === 'number') {
      west = Math.min(west, x)
      east = Math.max(east, x)
      south = Math.min(south, y)
      north = Math.max(north, y)
      return
    }
    value.forEach(visit)
  }
  visit(coordinates)
  return Number.isFinite(west) ? [(west + east) / 2, (south + north) / 2] : undefined
}
