import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The client's address for rate limits: the socket's peer, or the first `X-Forwarded-For` hop
 * when the server sits behind a trusted reverse proxy (`TRUST_PROXY=1`).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    // Not behind node:http (in-process requests in tests).
    return 'local'
  }
}
