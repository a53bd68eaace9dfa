import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { FieldError } from '../http/index.ts'
import { knownStatsFilters } from './stats.queries.ts'

/**
 * What a stats query names that does not exist: an unknown city, a category not in the
 * catalogue, a district of another city. Empty when everything is known.
 */
export async function unknownStatsFilters(db: Kysely<DB>, q: { city: string; category?: string[] | undefined; district?: number | undefined }): Promise<FieldError[]> {
  const categories = q.category ?? []
  const found = await knownStatsFilters(db, { city: q.city, categories, district: q.district })
  const errors: FieldError[] = []
  if (!found.city) errors.push({ field: 'query.city', message: `no city "${q.city}"` })
  const missing = categories.filter((id) => !found.categories.includes(id))
  if (missing.length) errors.push({ field: 'query.category', message: `unknown categories: ${missing.join(', ')}` })
  if (q.district !== undefined && found.city && !found.district) errors.push({ field: 'query.district', message: `no district ${q.district} in ${q.city}` })
  return errors
}
