import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { HttpProblem } from './problems.ts'
import { countRateLimitHit } from './rate-limit.queries.ts'

/** At most `limit` hits per `windowSeconds` for one bucket. */
export interface RateLimit {
  limit: number
  windowSeconds: number
}

/** `30/3600` → 30 per hour; the form of `HROMADA_APPEAL_RATE_LIMIT`. */
export function parseRateLimit(text: string): RateLimit {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  if (!m || Number(m[2]) < 1) throw new Error(`a rate limit is "<requests>/<seconds>", e.g. 30/3600; got "${text}"`)
  return { limit: Number(m[1]), windowSeconds: Number(m[2]) }
}

/**
 * Counts one hit in a fixed window shared by every replica (a row per bucket and window) and
 * throws 429 with `Retry-After` over the limit. Buckets are hashed so that the table holds no
 * IP address.
 */
export async function hitRateLimit(db: Kysely<DB>, bucket: string, rate: RateLimit): Promise<void> {
  const key = createHash('sha256').update(bucket).digest('base64url')
  const row = await countRateLimitHit(db, key, rate.windowSeconds)
  if (row.hits > rate.limit) {
    const problem = new HttpProblem('rate-limited', 429, `Too many requests; try again in ${row.retry} s`)
    problem.retryAfter = row.retry
    throw problem
  }
}
