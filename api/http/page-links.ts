import type { Context } from 'hono'
import type { AppEnv } from './app-env.ts'

type Link = { rel: string; href: string; type: string }

/**
 * The `self` link of a page of results and, while more follow, its `next` link, which also goes
 * in a `Link` header (RFC 8288). Both keep the request's query with the offset moved on.
 */
export function pageLinks(c: Context<AppEnv>, offset: number, returned: number, matched: number): { links: Link[]; next: string | null } {
  const url = new URL(c.req.url)
  const at = (o: number) => {
    const params = new URLSearchParams(url.search)
    params.set('offset', String(o))
    return `${c.var.baseUrl}${url.pathname}?${params}`
  }
  const type = url.searchParams.get('format') === 'geojson' ? 'application/geo+json' : 'application/json'
  const links: Link[] = [{ rel: 'self', href: at(offset), type }]
  const next = offset + returned < matched ? at(offset + returned) : null
  if (next) {
    links.push({ rel: 'next', href: next, type })
    c.header('Link', `<${next}>; rel="next"`)
  }
  return { links, next }
}
