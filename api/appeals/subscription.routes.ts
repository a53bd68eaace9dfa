import { Hono } from 'hono'
import { confirmSubscriptionRoute, subscribeRoute, SubscriptionReceipt, unsubscribeRoute } from '../contract/index.ts'
import { messagePage, type AppEnv, clientAddress, contractBody, hitRateLimit, zv } from '../http/index.ts'
import { subscribeToAlerts } from './appeal-subscriptions.ts'
import { confirmSubscription, deleteSubscription } from './subscription.queries.ts'


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
    if (!confirmed) return c.html(messagePage('Підписку не знайдено / Subscription not found', 'Посилання застаріле або підписку вже скасовано.'), 404)
    return c.html(messagePage('Підписку підтверджено / Subscription confirmed', 'Ви отримуватимете листи, на які підписалися. Відписатися можна за посиланням у кожному листі. / You will get the e-mails you subscribed to; each has a link to unsubscribe.'))
  })
  .on(['GET', 'POST'], '/unsubscribe', zv('query', unsubscribeRoute.request.query), async (c) => {
    await deleteSubscription(c.var.db, c.req.valid('query').token)
    return c.html(messagePage('Ви відписалися / Unsubscribed', 'Листів за цією підпискою більше не буде. / No more e-mails from this subscription.'))
  })
