import { AppealNumber } from './appeals.ts'
import { Slug } from './common.ts'

/**
 * The pages of the web app, told apart by the URL's path; the query holds each page's view state.
 * Part of the contract: the server answers these paths with the app and every other path with a
 * 404, and the app shows the page.
 */
export type Route =
  | { page: 'map' }
  | { page: 'search' }
  | { page: 'appeal'; number: string }
  | { page: 'tracking'; token: string }
  | { page: 'sign-in' }
  | { page: 'register' }
  | { page: 'forgot-password' }
  | { page: 'reset-password'; token: string }
  | { page: 'confirm-email'; token: string }
  | { page: 'account' }
  | { page: 'office'; section: OfficeSection }
  | { page: 'office-appeal'; number: string }
  | { page: 'dashboard' }
  | { page: 'planning' }
  | { page: 'planning-cabinet' }
  | { page: 'planning-layer'; layerId: string }
  | { page: 'planning-consultation'; id: number }
  | { page: 'budgets' }
  | { page: 'budget-proposal'; edition: number; proposal: number }
  | { page: 'budget-propose'; edition: number }
  | { page: 'property' }
  | { page: 'property-object'; id: number }
  | { page: 'investment' }
  | { page: 'investment-object'; id: number }
  | { page: 'works' }
  | { page: 'work'; id: number }
  | { page: 'data' }
  | { page: 'data-use' }
  | { page: 'not-found' }

/** The back-office sections: one per cabinet, plus the internal dashboard and the audit trail. */
export const OFFICE_SECTIONS = ['home', 'triage', 'queue', 'organisation', 'admin', 'stats', 'audit'] as const
export type OfficeSection = (typeof OFFICE_SECTIONS)[number]

const TRACKING_TOKEN = /^[A-Za-z0-9_-]{43}$/

const FIXED_PAGES: Record<string, Route> = {
  '/sign-in': { page: 'sign-in' },
  '/register': { page: 'register' },
  '/account': { page: 'account' },
  '/account/forgot': { page: 'forgot-password' },
  '/office': { page: 'office', section: 'home' },
  '/dashboard': { page: 'dashboard' },
  '/planning': { page: 'planning' },
  '/planning/cabinet': { page: 'planning-cabinet' },
  '/budgets': { page: 'budgets' },
  '/property': { page: 'property' },
  '/investment': { page: 'investment' },
  '/works': { page: 'works' },
  '/search': { page: 'search' },
  '/data': { page: 'data' },
  '/data/use': { page: 'data-use' },
}

/** An id in a path: a positive whole number, as the API's ids are. */
const PATH_ID = /^[1-9][0-9]{0,14}$/

/**
 * The page a path shows: `/` the map, `/appeals/{number}` an appeal, `/appeals/track/{token}`
 * the author's tracking page; `/sign-in`, `/register`, `/account…` the account pages; `/office…`
 * the back office; `/dashboard` the public figures; `/planning` the public Planning section,
 * `/planning/consultations/{id}` a consultation, `/planning/cabinet` the planner's cabinet and
 * `/planning/cabinet/layers/{id}` one layer in it; `/budgets` the participatory budget,
 * `/budgets/{id}/proposals/{pid}` a project and `/budgets/{id}/propose` the proposal wizard;
 * `/property` the property register and `/property/{id}` an object of it; `/investment` the
 * investment map and `/investment/{id}` an object offered to investors; `/works` the calendar
 * of repairs and works and `/works/{id}` one of them; `/search` every result of a search, as a
 * list beside a map; `/data` the open-data catalogue and `/data/use` how to
 * use it from QGIS, GDAL, Python and JavaScript. Anything else is not found.
 * @example routeOf('/appeals/KYIV-2026-000123') // { page: 'appeal', number: 'KYIV-2026-000123' }
 */
export function routeOf(pathname: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { page: 'map' }
  const path = pathname.replace(/\/$/, '')
  const fixed = FIXED_PAGES[path]
  if (fixed) return fixed
  const token = /^\/account\/(reset|confirm)\/([^/]+)$/.exec(path)
  if (token) return TRACKING_TOKEN.test(token[2]!) ? { page: token[1] === 'reset' ? 'reset-password' : 'confirm-email', token: token[2]! } : { page: 'not-found' }
  const section = /^\/office\/([a-z]+)$/.exec(path)?.[1]
  if (section !== undefined) return (OFFICE_SECTIONS as readonly string[]).includes(section) ? { page: 'office', section: section as OfficeSection } : { page: 'not-found' }
  const officeAppeal = /^\/office\/appeals\/([^/]+)$/.exec(path)?.[1]
  if (officeAppeal !== undefined) return AppealNumber.safeParse(officeAppeal).success ? { page: 'office-appeal', number: officeAppeal } : { page: 'not-found' }
  const consultation = /^\/planning\/consultations\/([^/]+)$/.exec(path)?.[1]
  if (consultation !== undefined) return PATH_ID.test(consultation) ? { page: 'planning-consultation', id: Number(consultation) } : { page: 'not-found' }
  const budgetProposal = /^\/budgets\/([^/]+)\/proposals\/([^/]+)$/.exec(path)
  if (budgetProposal) return PATH_ID.test(budgetProposal[1]!) && PATH_ID.test(budgetProposal[2]!) ? { page: 'budget-proposal', edition: Number(budgetProposal[1]), proposal: Number(budgetProposal[2]) } : { page: 'not-found' }
  const propose = /^\/budgets\/([^/]+)\/propose$/.exec(path)?.[1]
  if (propose !== undefined) return PATH_ID.test(propose) ? { page: 'budget-propose', edition: Number(propose) } : { page: 'not-found' }
  const objectPage = /^\/(property|investment|works)\/([^/]+)$/.exec(path)
  if (objectPage) {
    if (!PATH_ID.test(objectPage[2]!)) return { page: 'not-found' }
    const page = ({ property: 'property-object', investment: 'investment-object', works: 'work' } as const)[objectPage[1] as 'property' | 'investment' | 'works']
    return { page, id: Number(objectPage[2]) }
  }
  const plannedLayer = /^\/planning\/cabinet\/layers\/([^/]+)$/.exec(path)?.[1]
  if (plannedLayer !== undefined) return Slug.safeParse(plannedLayer).success ? { page: 'planning-layer', layerId: plannedLayer } : { page: 'not-found' }
  const tracking = /^\/appeals\/track\/([^/]+)\/?$/.exec(pathname)?.[1]
  if (tracking !== undefined) return TRACKING_TOKEN.test(tracking) ? { page: 'tracking', token: tracking } : { page: 'not-found' }
  const number = /^\/appeals\/([^/]+)\/?$/.exec(pathname)?.[1]
  if (number !== undefined && AppealNumber.safeParse(number).success) return { page: 'appeal', number }
  return { page: 'not-found' }
}
