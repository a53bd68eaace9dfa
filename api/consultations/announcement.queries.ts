import { sql, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'

/** A consultation that has opened and not yet been announced, locked for announcing. */
export interface DueAnnouncement {
  id: number
  city_id: string
  title: LocalizedJson
  ends_at: Date
}

/**
 * The next consultation on a public layer whose window has opened and which nobody was told of
 * yet, locked; another server announcing at the same time skips it.
 */
export async function lockNextDueAnnouncement(trx: Transaction<DB>): Promise<DueAnnouncement | undefined> {
  const { rows } = await sql<DueAnnouncement>`
    SELECT c.id::int AS id, l.city_id, c.title, c.ends_at
      FROM consultations c JOIN layers l ON l.id = c.layer_id
     WHERE c.announced_at IS NULL AND c.starts_at <= now() AND c.ends_at > now() AND l.is_public
     ORDER BY c.starts_at
     LIMIT 1
       FOR UPDATE OF c SKIP LOCKED`.execute(trx)
  return rows[0]
}

/** A confirmed subscriber of an area the consultation's plan reaches into. */
export interface AreaSubscriber {
  email: string
  token: string
  locale: 'uk' | 'en'
}

/**
 * The confirmed subscribers of appeal alerts whose district or circle meets the consultation's
 * extent, one row per address (someone who follows two such areas is told once).
 */
export async function subscribersNear(trx: Transaction<DB>, consultationId: number, cityId: string): Promise<AreaSubscriber[]> {
  const { rows } = await sql<AreaSubscriber>`
    SELECT DISTINCT ON (s.email) s.email, s.token, s.locale
      FROM appeal_subscriptions s
           JOIN consultations c ON c.id = ${consultationId}
           LEFT JOIN districts d ON d.id = s.district_id
     WHERE s.city_id = ${cityId} AND s.confirmed_at IS NOT NULL AND s.topic = 'appeals'
       AND (ST_Intersects(d.geom, c.extent)
            OR (s.center IS NOT NULL AND ST_DWithin(s.center::geography, c.extent::geography, s.radius_m)))
     ORDER BY s.email, s.id`.execute(trx)
  return rows
}

/** Marks a consultation announced. */
export async function markAnnounced(trx: Transaction<DB>, consultationId: number): Promise<void> {
  await trx.updateTable('consultations').set({ announced_at: sql<Date>`now()` as unknown as Date }).where('id', '=', consultationId).execute()
}
