import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

/**
 * Counts one hit of a bucket in the current fixed window of `windowSeconds` (a row per bucket
 * and window, shared by every replica). Returns the window's hits so far, this one included,
 * and the seconds until the window ends.
 */
export async function countRateLimitHit(db: Kysely<DB>, bucket: string, windowSeconds: number): Promise<{ hits: number; retry: number }> {
  const { rows } = await sql<{ hits: number; retry: number }>`
    WITH w AS (SELECT to_timestamp(floor(extract(epoch FROM now()) / ${windowSeconds}) * ${windowSeconds}) AS start)
    INSERT INTO rate_limit_hits (bucket, window_start, hits) SELECT ${bucket}, start, 1 FROM w
    ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_hits.hits + 1
    RETURNING hits, ceil(extract(epoch FROM window_start + make_interval(secs => ${windowSeconds}) - now()))::int AS retry`.execute(db)
  const row = rows[0]
  if (!row) throw new Error('the rate limit upsert returned no row')
  return row
}

/** Drops windows that ended more than a day ago. */
export async function pruneRateLimits(db: Kysely<DB>): Promise<void> {
  await db.deleteFrom('rate_limit_hits').where('window_start', '<', sql<Date>`now() - interval '1 day'`).execute()
}
