import type { Kysely } from 'kysely'
import type { DB, DatabaseEngine } from '../../db/index.ts'
import type { TileService } from '../../tiles/index.ts'
import type { PhotoStore } from '../appeals/index.ts'
import type { Log } from './access-log.ts'
import type { RateLimit } from './rate-limit.ts'
import type { IdentityDeps, SessionUser } from '../auth/index.ts'

/** What the appeal routes need beyond the database. */
export interface AppealDeps {
  store: PhotoStore
  /** Appeal submissions (and support, subscriptions) per client address. */
  rateLimit: RateLimit
  /** Take the client address from X-Forwarded-For (behind a trusted reverse proxy). */
  trustProxy: boolean
  /** Open311 API keys that may post requests. */
  open311Keys: ReadonlySet<string>
  /** Called after mail was queued, so the sender need not wait for its next poll. */
  mailQueued: () => void
}

/** What the routes need from the running server, set once per request by `appContext`. */
export interface AppDeps {
  db: Kysely<DB>
  engine: DatabaseEngine
  postgis: string
  tiles: TileService
  appeals: AppealDeps
  /** Demo mode: the demo accounts exist and their published passwords are accepted. */
  demoMode: boolean
  /** Whether the demo data is absent, loading or ready. */
  demoData: () => 'absent' | 'loading' | 'ready' | 'failed'
  /** Outside identity providers (OpenID Connect); unset: e-mail and password only. */
  identity?: IdentityDeps | undefined
  log: Log
}

/** The Hono environment of every route: typed `c.var` values. */
export interface AppEnv {
  Variables: AppDeps & {
    /** Scheme and host the client used, for absolute URLs in TileJSON and styles. */
    baseUrl: string
    /** The signed-in user, or null. */
    user: SessionUser | null
  }
}
