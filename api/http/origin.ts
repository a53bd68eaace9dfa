/**
 * Where absolute URLs point. Links in mail, TileJSON, styles and Open311 discovery are read by
 * other people and kept in public caches, so they never come from what a client wrote in its
 * request headers unless the operator said which hosts are theirs.
 */

/** How the public origin is found; see {@link publicOriginOf}. */
export interface OriginPolicy {
  /** `PUBLIC_URL`: the one public origin, e.g. `https://map.example.ua`. */
  publicUrl?: string | undefined
  /** `TRUST_PROXY=1`: the reverse proxy's `X-Forwarded-Host`/`-Proto` may name the origin… */
  trustProxy?: boolean | undefined
  /** …`PUBLIC_HOSTS`: but only a host in this list (`map.example.ua`, `karta.example.ua:8443`). */
  publicHosts?: readonly string[] | undefined
  /** The origin when neither of the above applies: the address the server listens on. */
  listenOrigin: () => string
}

/** `https://map.example.ua/` → `https://map.example.ua`; throws for anything but an http(s) origin. */
export function parsePublicUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new Error(`PUBLIC_URL must be an absolute http(s) URL such as https://map.example.ua; got "${text}"`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`PUBLIC_URL must start with https:// or http://; got "${text}"`)
  if (url.pathname !== '/' || url.search || url.hash || url.username) throw new Error(`PUBLIC_URL is an origin only (scheme, host and port); got "${text}"`)
  return url.origin
}

/** `PUBLIC_HOSTS` as a list of lower-case `host[:port]`; throws for a value that is not a host. */
export function parsePublicHosts(text: string): string[] {
  const hosts = text.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)
  for (const host of hosts) if (!/^[a-z0-9.-]+(:\d{1,5})?$|^\[[0-9a-f:]+\](:\d{1,5})?$/.test(host)) throw new Error(`PUBLIC_HOSTS holds host names (with an optional port), comma-separated; got "${host}"`)
  return hosts
}

/** The first value of a comma-joined header, trimmed and lower-cased. */
const firstValue = (header: string | undefined) => header?.split(',')[0]?.trim().toLowerCase() || undefined

/**
 * The origin for absolute URLs of one request: `PUBLIC_URL` when set; else, behind a trusted
 * proxy, the forwarded (or Host) host when it is one of `PUBLIC_HOSTS`, with the forwarded
 * scheme; else the address the server listens on. A client's `Host: evil.test` never reaches a
 * link.
 */
export function publicOriginOf(policy: OriginPolicy, header: (name: string) => string | undefined): string {
  if (policy.publicUrl) return policy.publicUrl
  if (policy.trustProxy && policy.publicHosts?.length) {
    const host = firstValue(header('X-Forwarded-Host')) ?? firstValue(header('Host'))
    if (host && policy.publicHosts.includes(host)) {
      const proto = firstValue(header('X-Forwarded-Proto')) === 'https' ? 'https' : 'http'
      return `${proto}://${host}`
    }
  }
  return policy.listenOrigin()
}

/** Whether answers may differ by the request's forwarded host or scheme (and need `Vary`). */
export const originVariesByRequest = (policy: OriginPolicy): boolean => !policy.publicUrl && !!policy.trustProxy && !!policy.publicHosts?.length
