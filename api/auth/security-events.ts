import type { Context } from 'hono'
import type { DB } from '../../db/index.ts'
import { SECURITY_EVENT_KINDS, type SecurityEventKind } from '../contract/index.ts'
import { type AppEnv, clientAddress } from '../http/index.ts'

export { SECURITY_EVENT_KINDS, type SecurityEventKind }

// The contract's list of kinds is the table's closed list (migration 010).
void (SECURITY_EVENT_KINDS satisfies ReadonlyArray<DB['security_events']['kind']>)

/** Who made the request that caused an event: personal data, shown to administrators only. */
export interface SecurityClient {
  address: string
  userAgent: string | null
}

/** One event to record. The account is named by id; an e-mail with no account only by a keyed hash. */
export interface SecurityEvent {
  kind: SecurityEventKind
  accountId?: number | null | undefined
  /** The e-mail typed, for an event of no known account; stored as a keyed hash, never as text. */
  email?: string | undefined
  /** Extra facts (roles before and after, who acted, the reason of a failure); never a secret. */
  details?: Record<string, unknown> | undefined
  /**
   * Seconds within which the same event (kind, account or e-mail, client address) is recorded
   * once: a client hammering a rate limit leaves one row per window, not one per request.
   */
  oncePerSeconds?: number | undefined
}

const USER_AGENT_MAX = 200
const ADDRESS_MAX = 100

/** The request's client address and user agent, truncated and without control characters. */
export function securityClient(c: Context<AppEnv>): SecurityClient {
  const clean = (s: string, max: number) => s.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, max)
  const userAgent = c.req.header('User-Agent')
  return { address: clean(clientAddress(c, c.var.appeals.trustProxy), ADDRESS_MAX), userAgent: userAgent ? clean(userAgent, USER_AGENT_MAX) : null }
}
