import { fileURLToPath } from 'node:url'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { formatImportReport, importLayer } from '../import/index.ts'
import { demoDataState, deriveCityAreas, insertCity, layerIds, lockDemoLoad, setDemoDataState, unlockDemoLoad, updateDemoProvenance } from './demo.queries.ts'
import { DEMO_CITIES, DEMO_DATA_DIR, DEMO_SOURCES } from './manifest.ts'

/**
 * Loads the demo catalogue: the four cities, every layer of the manifest, then each city's
 * boundary and districts derived from those layers. Resumable: a layer already present is
 * not imported again, so an interrupted load simply continues on the next start.
 * Throws when a demo file does not import cleanly (the vendored data is broken).
 */
export async function seedDemoData(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await db.connection().execute(async (conn) => {
    await lockDemoLoad(conn)
    try {
      if ((await demoDataState(conn)) === 'ready') {
        // A catalogue loaded before a source's licence was found out learns it without a reload.
        for (const source of DEMO_SOURCES) await updateDemoProvenance(conn, source.layer)
        return
      }
      await setDemoDataState(conn, 'loading')
      for (const city of DEMO_CITIES) await insertCity(conn, city)
      const present = await layerIds(conn)
      for (const [i, source] of DEMO_SOURCES.entries()) {
        if (present.has(source.layer.id)) continue
        const started = Date.now()
        const report = await importLayer(conn, {
          file: fileURLToPath(new URL(source.file, DEMO_DATA_DIR)),
          layer: source.layer,
          properties: source.properties,
          keep: { geometry: source.geometry, ...(source.bbox && { bbox: source.bbox }), ...(source.where && { where: source.where }) },
          ...(source.csv && { csv: source.csv }),
          actor: 'demo-seed',
          // Real-world files hold a few unusable features (zero-length segments); load the rest.
          skipInvalid: true,
        })
        if (!report.committed) throw new Error(`demo data did not import:\n${formatImportReport(report)}`)
        const left = report.rejected.length + report.skipped.length
        log(
          `demo data ${i + 1}/${DEMO_SOURCES.length}: ${source.layer.id} — ${report.accepted} features` +
            `${left ? ` (${report.skipped.length} left out, ${report.rejected.length} unusable)` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        )
      }
      for (const city of DEMO_CITIES) await deriveCityAreas(conn, city)
      await setDemoDataState(conn, 'ready')
      log('demo data: ready')
    } finally {
      await unlockDemoLoad(conn)
    }
  })
}
