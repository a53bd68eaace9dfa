import { z } from 'zod'
import { Latitude, Longitude } from './appeals.ts'
import { Slug } from './common.ts'
import { apiRoute } from './route.ts'

/** `POST /api/appeal-subscriptions`: mail about new appeals in a district, or within a circle around a point. */
export const SubscriptionBody = z
  .object({
    email: z.email('must be an e-mail address').max(254),
    city: Slug,
    district: z.number().int().positive().optional().meta({ description: 'A district of the city, by its id; or else `lat`, `lon` and `radius_m`.' }),
    lat: Latitude.optional(),
    lon: Longitude.optional(),
    radius_m: z.number().int().min(50).max(5000).optional(),
    locale: z.enum(['uk', 'en']).default('uk'),
  })
  .strict()
  .refine((b) => (b.district !== undefined) !== (b.lat !== undefined && b.lon !== undefined && b.radius_m !== undefined), {
    message: 'give either a district, or lat, lon and radius_m',
    path: ['district'],
  })
  .meta({ id: 'AppealSubscriptionRequest' })
export type SubscriptionBody = z.infer<typeof SubscriptionBody>

/** `?token=` of the links in the confirmation mail and in every alert. */
export const SubscriptionTokenQuery = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'must be a subscription token').meta({ description: 'The token of the link in the mail.' }),
})

/** The confirmation mail is on its way; nothing is sent until its link is followed (double opt-in). */
export const SubscriptionReceipt = z.object({ status: z.literal('confirmation-sent') }).meta({ id: 'AppealSubscriptionReceipt' })
export type SubscriptionReceipt = z.infer<typeof SubscriptionReceipt>

const HTML = 'text/html'

export const subscribeRoute = apiRoute({
  method: 'post',
  path: '/api/appeal-subscriptions',
  summary: 'Subscribe to mail about new appeals',
  description: 'Sends a mail whose link confirms the subscription. Rate limited per client.',
  tags: ['appeals'],
  request: { body: { json: SubscriptionBody } },
  responses: { 202: { description: 'The confirmation mail is queued.', schema: SubscriptionReceipt } },
  problems: [400, 413, 429],
})

export const confirmSubscriptionRoute = apiRoute({
  method: 'get',
  path: '/api/appeal-subscriptions/confirm',
  summary: 'Confirm a subscription (the link in the mail)',
  tags: ['appeals'],
  request: { query: SubscriptionTokenQuery },
  responses: {
    200: { description: 'A page saying the subscription is confirmed.', contentType: HTML },
    404: { description: 'A page saying the link is stale or the subscription ended.', contentType: HTML },
  },
  problems: [400],
})

const unsubscribed = { 200: { description: 'A page saying no more mail will come (also when there was nothing to end).', contentType: HTML } }

export const unsubscribeRoute = apiRoute({
  method: 'get',
  path: '/api/appeal-subscriptions/unsubscribe',
  summary: 'Unsubscribe (the link in every mail)',
  tags: ['appeals'],
  request: { query: SubscriptionTokenQuery },
  responses: unsubscribed,
  problems: [400],
})

export const unsubscribeOneClickRoute = apiRoute({
  method: 'post',
  path: '/api/appeal-subscriptions/unsubscribe',
  summary: 'Unsubscribe in one click (RFC 8058)',
  description: "A mail client's `List-Unsubscribe-Post`; the token is in the query, as in the link.",
  tags: ['appeals'],
  request: { query: SubscriptionTokenQuery },
  responses: unsubscribed,
  problems: [400, 413],
})

/** The routes of `/api/appeal-subscriptions`. */
export const SUBSCRIPTION_ROUTES = [subscribeRoute, confirmSubscriptionRoute, unsubscribeRoute, unsubscribeOneClickRoute]
