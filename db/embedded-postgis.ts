import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { serveEmbedded, type EmbeddedAddress } from './embedded-access.ts'
import { lockEmbeddedDatabase } from './embedded-lock.ts'
import { trimmedPostgis } from './postgis-bundle.ts'

/** Folder of the embedded cluster inside the data folder. */
export const PGLITE_DIR = 'pglite'

/** A running in-process PostGIS reachable over the PostgreSQL wire protocol by the app only. */
export interface EmbeddedPostgis {
  /**
   * `postgres://` URL that `pg` connects to exactly as to a real server. It holds the
   * installation's secret: pass it on to the app's own processes only, never log it.
   */
  url: string
  /** The unix socket (or, for a data folder with a very long path, the loopback port) it serves on. */
  address: EmbeddedAddress
  stop(): Promise<void>
}

/**
 * Opens PGlite with PostGIS (and pg_trgm, for the search) on the cluster in `dataDir/pglite`, creating it on first use, or
 * from `loadDataDir` (a tarball of `dumpDataDir`) when given and the folder is new. The caller
 * holds the data folder's lock (`lockEmbeddedDatabase`).
 */
export async function openEmbeddedPglite(dataDir: string, options: { clusterDir?: string; loadDataDir?: Blob } = {}): Promise<PGlite> {
  const dir = options.clusterDir ?? join(dataDir, PGLITE_DIR)
  await mkdir(dir, { recursive: true })
  return PGlite.create({ dataDir: dir, extensions: { postgis: await trimmedPostgis(dataDir), pg_trgm }, loadDataDir: options.loadDataDir })
}

/**
 * Starts PGlite with PostGIS in `dataDir/pglite` and serves it to clients that hold the
 * installation's secret, on a unix socket in a private folder of `dataDir` (see
 * `embedded-access.ts`). The first start creates the cluster and the extension (about 20 s);
 * later starts reopen it. `log` receives progress lines so the terminal is never silent.
 * @throws EmbeddedDatabaseInUse when another process has the folder's database open.
 */
export async function startEmbeddedPostgis(
  dataDir: string,
  log: (line: string) => void,
): Promise<EmbeddedPostgis> {
  const lock = await lockEmbeddedDatabase(dataDir)
  try {
    const started = Date.now()
    log(`embedded PostGIS: opening ${join(dataDir, PGLITE_DIR)}`)
    const pglite = await openEmbeddedPglite(dataDir)
    try {
      const hasPostgis = await pglite.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'postgis'`,
      )
      if (hasPostgis.rows[0]?.n === 0) {
        log('embedded PostGIS: creating the postgis extension (first start only)…')
        await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis')
      }
      const service = await serveEmbedded(pglite, dataDir, log)
      log(`embedded PostGIS: ready in ${((Date.now() - started) / 1000).toFixed(1)} s, on ${'socket' in service.address ? service.address.socket : `127.0.0.1:${service.address.port}`}`)
      return {
        url: service.url,
        address: service.address,
        async stop() {
          await service.close()
          await pglite.close()
          await lock.release()
        },
      }
    } catch (err) {
      await pglite.close()
      throw err
    }
  } catch (err) {
    await lock.release()
    throw err
  }
}
