import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { SubscriptionBody } from '../contract/index.ts'
import { newToken } from '../auth/index.ts'
import { problems } from '../http/index.ts'
import { enqueueMail } from '../mail/index.ts'
import { subscriptionConfirmMail } from './appeal-mail.ts'
import { cityHoldsPoint, findDistrictName, insertSubscription, type SubscriptionArea } from './subscription.queries.ts'

/** The link that confirms a subscription, and the one that ends it (in every alert too). */
export function subscriptionLinks(baseUrl: string, token: string): { confirm: string; unsubscribe: string } {
  return {
    confirm: `${baseUrl}/api/appeal-subscriptions/confirm?token=${token}`,
    unsubscribe: `${baseUrl}/api/appeal-subscriptions/unsubscribe?token=${token}`,
  }
}

/**
 * Subscribes an address to alerts about new appeals in a district or a circle, unconfirmed,
 * and queues the mail whose link confirms it (double opt-in). A 400 problem when the district
 * or the point is not in the city.
 */
export async function subscribeToAlerts(db: Kysely<DB>, body: SubscriptionBody, baseUrl: string): Promise<void> {
  const area: SubscriptionArea = body.district !== undefined ? { district: body.district } : { lon: body.lon!, lat: body.lat!, radiusM: body.radius_m! }
  const token = newToken()
  await db.transaction().execute(async (trx) => {
    // The mail names a district by its name and a circle by its radius.
    const areaName = 'district' in area
      ? await findDistrictName(trx, body.city, area.district)
      : (await cityHoldsPoint(trx, body.city, area.lon, area.lat))
        ? `${area.radiusM} m`
        : undefined
    if (!areaName) throw problems.invalid('The district or point is not in this city', [{ field: 'district' in area ? 'body.district' : 'body.lat', message: 'not in the city' }])
    await insertSubscription(trx, { email: body.email, cityId: body.city, area, token, locale: body.locale })
    const links = subscriptionLinks(baseUrl, token)
    await enqueueMail(trx, subscriptionConfirmMail(body.email, body.locale, areaName, links.confirm, links.unsubscribe))
  })
}
