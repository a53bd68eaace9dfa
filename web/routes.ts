import { AppealNumberSchema } from './api-client/appeal-schemas.ts'

/** The pages of the app, told apart by the URL's path; the query holds each page's view state. */
export type Route =
  | { page: 'map' }
  | { page: 'appeal'; number: string }
  | { page: 'tracking'; token: string }
  | { page: 'not-found' }

const TRACKING_TOKEN = /^[A-Za-z0-9_-]{43}$/

/**
 * The page a path shows: `/` the map, `/appeals/{number}` an appeal, `/appeals/track/{token}`
 * the author's tracking page. Anything else is not found.
 * @example routeOf('/appeals/KYIV-2026-000123') // { page: 'appeal', number: 'KYIV-2026-000123' }
 */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'map' }
  const tracking = /^\/appeals\/track\/([^/]+)\/?$/.exec(pathname)?.[1]
  if (tracking !== undefined) return TRACKING_TOKEN.test(tracking) ? { page: 'tracking', token: tracking } : { page: 'not-found' }
  const number = /^\/appeals\/([^/]+)\/?$/.exec(pathname)?.[1]
  if (number !== undefined && AppealNumberSchema.safeParse(number).success) return { page: 'appeal', number }
  return { page: 'not-found' }
}
