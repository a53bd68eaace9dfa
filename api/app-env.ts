import type { Kysely } from 'kysely'
import type { DB, DatabaseEngine } from '../db/index.ts'
import type { TileService } from '../tiles/index.ts'

/** What the routes need from the running server, set once per request by `appContext`. */
export interface AppDeps {
  db: Kysely<DB>
  engine: DatabaseEngine
  postgis: string
  tiles: TileService
  /** Whether the demo data is absent, loading or ready. */
  demoData: () => 'absent' | 'loading' | 'ready' | 'failed'
  log: (line: string) => void
}

/** The Hono environment of every route: typed `c.var` values. */
export interface AppEnv {
  Variables: AppDeps & {
    /** Scheme and host the client used, for absolute URLs in TileJSON and styles. */
    baseUrl: string
  }
}
