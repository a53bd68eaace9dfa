import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { lockNextDueAnnouncement, markAnnounced, subscribersNear } from './announcement.queries.ts'
import { consultationOpenMail } from './consultation-mail.ts'

/** How often the service looks for consultations that have opened. */
export const ANNOUNCE_INTERVAL_MS = 5 * 60_000

/**
 * Tells the residents who follow an area that a consultation on a plan there has opened: each
 * confirmed subscriber of appeal alerts whose district or circle meets the plan's extent gets one
 * mail with the consultation's page and the way to unsubscribe. Each consultation is announced
 * once, in the transaction that queues its mail; one whose window opens later is announced when
 * it opens. Returns the number of mails queued.
 */
export async function announceOpenedConsultations(db: Kysely<DB>, baseUrl: string): Promise<number> {
  let queued = 0
  for (;;) {
    const sent = await db.transaction().execute(async (trx) => {
      const due = await lockNextDueAnnouncement(trx)
      if (!due) return undefined
      const subscribers = await subscribersNear(trx, due.id, due.city_id)
      for (const s of subscribers) {
        await enqueueMail(
          trx,
          consultationOpenMail({
            to: s.email,
            locale: s.locale,
            title: due.title,
            endsAt: due.ends_at,
            pageUrl: `${baseUrl}/planning/consultations/${due.id}`,
            unsubscribeUrl: `${baseUrl}/api/appeal-subscriptions/unsubscribe?token=${s.token}`,
          }),
        )
      }
      await markAnnounced(trx, due.id)
      return subscribers.length
    })
    if (sent === undefined) return queued
    queued += sent
  }
}
