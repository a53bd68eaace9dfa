import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { EmbeddedWireServer } from './embedded-wire-server.ts'
import { trimmedPostgis } from './postgis-bundle.ts'

/** A running in-process PostGIS reachable over the PostgreSQL wire protocol on loopback. */
export interface EmbeddedPostgis {
  /** `postgres://` URL that `pg` connects to exactly as to a real server. */
  url: string
  stop(): Promise<void>
}

/**
 * Starts PGlite with PostGIS in `dataDir/pglite` and exposes it on a free loopback port.
 * The first start creates the cluster and the extension (about 20 s); later starts reopen it.
 * `log` receives progress lines so the terminal is never silent.
 */
export async function startEmbeddedPostgis(
  dataDir: string,
  log: (line: string) => void,
): Promise<EmbeddedPostgis> {
  const dir = join(dataDir, 'pglite')
  await mkdir(dir, { recursive: true })
  const started = Date.now()
  log(`embedded PostGIS: opening ${dir}`)
  const pglite = await PGlite.create({ dataDir: dir, extensions: { postgis: await trimmedPostgis(dataDir) } })
  const hasPostgis = await pglite.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'postgis'`,
  )
  if (hasPostgis.rows[0]?.n === 0) {
    log('embedded PostGIS: creating the postgis extension (first start only)…')
    await pglite.exec('CREATE EXTENSION IF NOT EXISTS postgis')
  }
  const server = new EmbeddedWireServer(pglite)
  const port = await server.listen(0)
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`
  log(`embedded PostGIS: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return {
    url,
    async stop() {
      await server.close()
      await pglite.close()
    },
  }
}
