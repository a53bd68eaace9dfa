import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { listCities, searchGazetteer } from '../../layers/index.ts'
import { problems } from '../http/index.ts'
import type { RequestLocation } from './open311.schemas.ts'
import { jurisdictionAt } from './service-request.queries.ts'

/** Where a request is filed: the city and the point. */
export interface RequestPlace {
  city: string
  lon: number
  lat: number
}

// A match this like the text is the same address with a typo or another spelling of the street
// type; below it, a request would be filed at some other house.
const GEOCODE_MIN_SCORE = 0.5

/**
 * The point of an address: the best match of the city's gazetteer (the one behind
 * `GET /api/addresses` and `GET /api/search`) in `city`, or in each city in turn when none is
 * given. A 400 problem when no city knows the address: the client should send the point instead.
 */
async function geocode(db: Kysely<DB>, address: string, city: string | undefined): Promise<RequestPlace> {
  const cities = city ? [city] : (await listCities(db)).map((c) => c.id)
  for (const id of cities) {
    const [match] = await searchGazetteer(db, id, address, 1, ['address'])
    if (match && match.score >= GEOCODE_MIN_SCORE) return { city: id, lon: match.lon, lat: match.lat }
  }
  throw problems.invalid(`No address matches "${address}"`, [{ field: 'address_string', message: `no address matches "${address}"; send lat and long instead` }])
}

/**
 * Where a request goes: its point, or the point its `address_string` names; in the city given,
 * else the city whose boundary holds the point. A 400 problem when no city holds it.
 */
export async function requestPlace(db: Kysely<DB>, location: RequestLocation, jurisdiction: string | undefined): Promise<RequestPlace> {
  if (location.kind === 'address') return geocode(db, location.text, jurisdiction)
  const { lon, lat } = location
  const city = jurisdiction ?? (await jurisdictionAt(db, lon, lat))
  if (!city) throw problems.invalid('The point is in none of the cities this server serves', [{ field: 'lat', message: `${lat}, ${lon} is outside every city` }])
  return { city, lon, lat }
}
