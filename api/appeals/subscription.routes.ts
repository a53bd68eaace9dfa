import { Hono } from 'hono'
import { confirmSubscriptionRoute, subscribeRoute, SubscriptionReceipt, unsubscribeRoute } from '../contract/index.ts'
import { type AppEnv, clientAddress, contractBody, hitRateLimit, zv } from '../http/index.ts'
import { subscribeToAlerts } from './appeal-subscriptions.ts'
import { confirmSubscription, deleteSubscription } from './subscription.queries.ts'

function page(title: string, text: string): string {
  const esc = (s: string) => s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!)
  return `<!doctype html><html lang="uk"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)}</title><main style="font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">` +
    `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/">Громада на мапі / Hromada Map</a></p></main></html>`
}

/**
 * E-mail alerts about new appeals in a district or a circle: subscribe, confirm by the link
 * in the mail (double opt-in), and unsubscribe in one click (RFC 8058 POST too). Each route as
 * its contract in `api/contract/subscriptions.ts` says (the one-click POST shares the GET's query).
 */
export const subscriptionRoutes = new Hono<AppEnv>()
  .post('/', zv('json', subscribeRoute.request.body.json), async (c) => {
    await hitRateLimit(c.var.db, `subscribe:${clientAddress(c, c.var.appeals.trustProxy)}`, c.var.appeals.rateLimit)
    await subscribeToAlerts(c.var.db, c.req.valid('json'), c.var.baseUrl)
    c.var.appeals.mailQueued()
    return c.json(contractBody(SubscriptionReceipt, { status: 'confirmation-sent' }), 202)
  })
  .get('/confirm', zv('query', confirmSubscriptionRoute.request.query), async (c) => {
    const confirmed = await confirmSubscription(c.var.db, c.req.valid('query').token)
    if (!confirmed) return c.html(page('Підписку не знайдено / Subscription not found', 'Посилання застаріле або підписку вже скасовано.'), 404)
    return c.html(page('Підписку підтверджено / Subscription confirmed', 'Ви отримуватимете листи про нові звернення та громадські обговорення планів. Відписатися можна за посиланням у кожному листі.'))
  })
  .on(['GET', 'POST'], '/unsubscribe', zv('query', unsubscribeRoute.request.query), async (c) => {
    await deleteSubscription(c.var.db, c.req.valid('query').token)
    return c.html(page('Ви відписалися / Unsubscribed', 'Листів про нові звернення та обговорення більше не буде.'))
  })
