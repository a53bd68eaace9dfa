import type { Kysely } from 'kysely'
import type { DB, DatabaseEngine } from '../../db/index.ts'
import type { TileService } from '../../tiles/index.ts'
import type { Log } from './access-log.ts'
import type { SignedInUser } from '../contract/index.ts'

/** Who is asking: the signed-in account as the session middleware finds it (its permissions follow from the roles). */
export type SessionUser = Omit<SignedInUser, 'permissions'>

/**
 * What the routes need from the running server, set once per request by `appContext`. A module
 * that brings dependencies of its own adds them by augmenting this interface from its own folder
 * (`declare module '../http/index.ts'`: `appeals` in `api/appeals/appeal-deps.ts`, `identity` in
 * `api/auth/identity-provider.ts`), so the kernel names no module above it.
 */
export interface AppDeps {
  db: Kysely<DB>
  engine: DatabaseEngine
  postgis: string
  tiles: TileService
  /** Demo mode: the demo accounts exist and their published passwords are accepted. */
  demoMode: boolean
  /** Whether the demo data is absent, loading or ready. */
  demoData: () => 'absent' | 'loading' | 'ready' | 'failed'
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
