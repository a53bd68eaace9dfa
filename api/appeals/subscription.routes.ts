import { Hono } from 'hono'
import { sql } from 'kysely'
import type { AppEnv } from '../app-env.ts'
import { enqueueMail } from '../mail/outbox.ts'
import { problems } from '../problems.ts'
import { hitRateLimit } from '../rate-limit.ts'
import { zv } from '../validation.ts'
import { clientAddress } from '../client-address.ts'
import { newToken } from './appeal-links.ts'
import { subscriptionConfirmMail } from './appeal-mail.ts'
import { SubscriptionBody, SubscriptionTokenQuery } from './appeal.schemas.ts'

function page(title: string, text: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)
  return `<!doctype html><html lang="uk"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><main style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">` +
    `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/">Громада на мапі / Hromada Map</a></p></main></html>`
}

/**
 * E-mail alerts about new appeals in a district or a circle: subscribe, confirm by the link
 * in the mail (double opt-in), and unsubscribe in one click (RFC 8058 POST too).
 */
export const subscriptionRoutes = new Hono<AppEnv>()
  .post('/', zv('json', SubscriptionBody), async (c) => {
    const b = c.req.valid('json')
    await hitRateLimit(c.var.db, `subscribe:${clientAddress(c, c.var.appeals.trustProxy)}`, c.var.appeals.rateLimit)
    const token = newToken()
    const baseUrl = c.var.baseUrl
    await c.var.db.transaction().execute(async (trx) => {
      const area = b.district
        ? (await sql<{ name: string }>`SELECT name FROM districts WHERE id = ${b.district} AND city_id = ${b.city}`.execute(trx)).rows[0]?.name
        : (await sql<{ inside: boolean }>`SELECT boundary IS NULL OR ST_Intersects(boundary, ST_SetSRID(ST_MakePoint(${b.lon!}, ${b.lat!}), 4326)) AS inside
                                          FROM cities WHERE id = ${b.city}`.execute(trx)).rows[0]?.inside
          ? `${b.radius_m} m`
          : undefined
      if (!area) throw problems.invalid('The district or point is not in this city', [{ field: b.district ? 'body.district' : 'body.lat', message: 'not in the city' }])
      await sql`
        INSERT INTO appeal_subscriptions (email, city_id, district_id, center, radius_m, token, locale)
        VALUES (${b.email}, ${b.city}, ${b.district ?? null},
                ${b.district ? null : sql`ST_SetSRID(ST_MakePoint(${b.lon!}, ${b.lat!}), 4326)`}, ${b.district ? null : b.radius_m!},
                ${token}, ${b.locale})`.execute(trx)
      await enqueueMail(
        trx,
        subscriptionConfirmMail(b.email, b.locale, typeof area === 'string' ? area : '', `${baseUrl}/api/appeal-subscriptions/confirm?token=${token}`, `${baseUrl}/api/appeal-subscriptions/unsubscribe?token=${token}`),
      )
    })
    c.var.appeals.mailQueued()
    return c.json({ status: 'confirmation-sent' }, 202)
  })
  .get('/confirm', zv('query', SubscriptionTokenQuery), async (c) => {
    const { rows } = await sql`UPDATE appeal_subscriptions SET confirmed_at = coalesce(confirmed_at, now())
                                WHERE token = ${c.req.valid('query').token} RETURNING id`.execute(c.var.db)
    if (!rows.length) return c.html(page('Підписку не знайдено / Subscription not found', 'Посилання застаріле або підписку вже скасовано.'), 404)
    return c.html(page('Підписку підтверджено / Subscription confirmed', 'Ви отримуватимете листи про нові звернення. Відписатися можна за посиланням у кожному листі.'))
  })
  .on(['GET', 'POST'], '/unsubscribe', zv('query', SubscriptionTokenQuery), async (c) => {
    await sql`DELETE FROM appeal_subscriptions WHERE token = ${c.req.valid('query').token}`.execute(c.var.db)
    return c.html(page('Ви відписалися / Unsubscribed', 'Листів про нові звернення більше не буде.'))
  })
