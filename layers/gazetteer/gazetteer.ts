import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import {
  findNearestAddress,
  findParcelsByNumber,
  findSimilarEntries,
  type IndexEntry,
  lockCityIndex,
  readIndexKeys,
  rebuildCityIndex,
} from './gazetteer.queries.ts'

export type { IndexEntry }

/** How far from an appeal's point its nearest address may be: a house across a wide street, not the next block. */
export const NEAREST_ADDRESS_RADIUS_M = 60

// A cadastral number being typed: digits, with or without its colons (`8000000000:75:`).
const CADASTRAL_PREFIX = /^[0-9]{4,10}(:[0-9]{0,2}(:[0-9]{0,3}(:[0-9]{0,4})?)?)?$|^[0-9]{4,19}$/

/** Whether an index built from `indexed` is behind the layers now (`current`); a city with no layers has nothing to index. */
const isStale = ({ current, indexed }: { current: string; indexed: string | undefined }) => indexed !== current && !(indexed === undefined && current === '')

// One rebuild of a city at a time in this process: the requests that find the index stale
// meanwhile wait for that one instead of each holding a connection on the lock.
const rebuilding = new Map<string, Promise<boolean>>()

/**
 * Brings the city's search index up to date with its public layers: rebuilt when a layer was
 * imported, published or edited since the last build, else untouched. Two callers never both
 * rebuild: in this process they share one rebuild, across processes the second waits for the
 * first's lock and finds the index fresh. Returns whether it rebuilt.
 */
export function refreshGazetteer(db: Kysely<DB>, cityId: string): Promise<boolean> {
  const running = rebuilding.get(cityId)
  if (running) return running
  const run = rebuildIfStale(db, cityId).finally(() => rebuilding.delete(cityId))
  rebuilding.set(cityId, run)
  return run
}

async function rebuildIfStale(db: Kysely<DB>, cityId: string): Promise<boolean> {
  if (!isStale(await readIndexKeys(db, cityId))) return false
  return db.transaction().execute(async (trx) => {
    await lockCityIndex(trx, cityId)
    const keys = await readIndexKeys(trx, cityId)
    if (!isStale(keys)) return false
    await rebuildCityIndex(trx, cityId, keys.current)
    return true
  })
}

/**
 * The index's entries for a query, best first: parcels by the digits of a cadastral number
 * being typed, else addresses, streets and named features by trigram similarity.
 */
export async function searchGazetteer(db: Kysely<DB>, cityId: string, query: string, limit: number, kinds?: readonly IndexEntry['kind'][]): Promise<IndexEntry[]> {
  await refreshGazetteer(db, cityId)
  const text = query.trim()
  if (CADASTRAL_PREFIX.test(text) && (!kinds || kinds.includes('parcel'))) {
    const parcels = await findParcelsByNumber(db, cityId, text.replaceAll(':', ''), limit)
    if (parcels.length > 0) return parcels
  }
  return findSimilarEntries(db, cityId, text, limit, kinds)
}

/**
 * Builds the city's index if it has none yet, and otherwise leaves it as it is, stale or not: for
 * work that must not wait for a rebuild (a rebuild holds the embedded engine for seconds), such as
 * filing an appeal or starting the server. A search brings it up to date. Returns whether it built.
 */
export async function ensureGazetteer(db: Kysely<DB>, cityId: string): Promise<boolean> {
  const keys = await readIndexKeys(db, cityId)
  return keys.indexed === undefined && keys.current !== '' ? refreshGazetteer(db, cityId) : false
}

/**
 * The address nearest a point of the city within {@link NEAREST_ADDRESS_RADIUS_M}, from the
 * city's index as it stands ({@link ensureGazetteer}); undefined when none is near.
 */
export async function nearestAddress(db: Kysely<DB>, cityId: string, lon: number, lat: number): Promise<{ title: string; distance_m: number } | undefined> {
  await ensureGazetteer(db, cityId)
  return findNearestAddress(db, cityId, lon, lat, NEAREST_ADDRESS_RADIUS_M)
}

/** An address of the gazetteer for putting a pin by typing a street. */
export interface AddressMatch {
  label: string
  lon: number
  lat: number
  layer: string
}

/**
 * The addresses most like the query, best first (a typo still finds): the gazetteer of every
 * address-bearing public layer and the OpenStreetMap buildings. Empty under two letters.
 * @example searchAddresses(db, 'kyiv', 'хрещатік 22') // [{ label: 'вулиця Хрещатик, 22', lon, lat, layer }]
 */
export async function searchAddresses(db: Kysely<DB>, cityId: string, query: string, limit = 8): Promise<AddressMatch[]> {
  if (query.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return []
  const entries = await searchGazetteer(db, cityId, query, limit, ['address'])
  return entries.map((e) => ({ label: e.title, lon: e.lon, lat: e.lat, layer: e.layer_id ?? '' }))
}

