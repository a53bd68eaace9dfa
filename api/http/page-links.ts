/**
 * The one paging style of the API: every paged list answers a `Link` header (RFC 8288) with
 * `next` while more follow and `prev` after the first page, each the request's own URL with
 * only its position moved. Lists whose body has links (GeoJSON pages, OGC API style) carry the
 * same ones there, with `self`.
 */
import type { Context } from 'hono'
import type { AppEnv } from './app-env.ts'

type Link = { rel: string; href: string; type: string }

/** The request's URL on the public origin with one query parameter set. */
function requestUrlWith(c: Context<AppEnv>, name: string, value: number): string {
  const url = new URL(c.req.url)
  const params = new URLSearchParams(url.search)
  params.set(name, String(value))
  return `${c.var.baseUrl}${url.pathname}?${params}`
}

/** Sets the `Link` header of a page from its `next` and `prev` URLs (either may be absent). */
function setPagingHeader(c: Context<AppEnv>, next: string | null, prev: string | null): void {
  const links = [next && `<${next}>; rel="next"`, prev && `<${prev}>; rel="prev"`].filter(Boolean)
  if (links.length > 0) c.header('Link', links.join(', '))
}

/**
 * A page of a list paged by `offset`: its `self`, `next` and `prev` links for the body, with
 * `next` and `prev` also in the `Link` header.
 */
export function pageLinks(
  c: Context<AppEnv>,
  offset: number,
  returned: number,
  matched: number,
  options: { limit?: number; type?: string } = {},
): { links: Link[]; next: string | null } {
  const type = options.type ?? (new URL(c.req.url).searchParams.get('format') === 'geojson' ? 'application/geo+json' : 'application/json')
  const limit = options.limit ?? returned
  const next = offset + returned < matched ? requestUrlWith(c, 'offset', offset + returned) : null
  const prev = offset > 0 ? requestUrlWith(c, 'offset', Math.max(0, offset - Math.max(limit, 1))) : null
  setPagingHeader(c, next, prev)
  const links: Link[] = [{ rel: 'self', href: requestUrlWith(c, 'offset', offset), type }]
  if (next) links.push({ rel: 'next', href: next, type })
  if (prev) links.push({ rel: 'prev', href: prev, type })
  return { links, next }
}

/** The `Link` header of a list paged by `page` (from 1) and `limit`, where `matched` items match in all. */
export function numberedPageLinks(c: Context<AppEnv>, page: number, limit: number, matched: number): void {
  setPagingHeader(c, page * limit < matched ? requestUrlWith(c, 'page', page + 1) : null, page > 1 ? requestUrlWith(c, 'page', page - 1) : null)
}

/** The `Link` header of a list paged by `page` whose total is not counted: `more` says whether a next page exists. */
export function numberedPageLinksByMore(c: Context<AppEnv>, page: number, more: boolean): void {
  setPagingHeader(c, more ? requestUrlWith(c, 'page', page + 1) : null, page > 1 ? requestUrlWith(c, 'page', page - 1) : null)
}
