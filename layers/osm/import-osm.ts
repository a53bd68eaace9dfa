import { basename } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { refreshLayerStats, saveLayerDefinition } from '../catalogue/index.ts'
import { countLayerFeatures, deleteLayerFeatures, recordImport } from '../import/index.ts'
import { cityNameOf, countStaged, dropOutsideCity, existingLayers, insertStagedKind, openOsmStaging, shapeStaged, stageOsmFeatures, type StagedOsmFeature } from './osm-import.queries.ts'
import { osmLayerDefinition, osmLayerId } from './osm-layers.ts'
import { BASEMAP_KINDS, type BasemapKind } from './osm-tags.ts'
import { ExtractError, type ExtractTally, readExtract } from './read-extract.ts'

/** What to import: an OpenStreetMap PBF extract, into a city's basemap. */
export interface OsmImportOptions {
  file: string
  cityId: string
  /** Who imports, for the audit log (default `system`). */
  actor?: string
}

/** What an import did, or why it changed nothing. */
export interface OsmImportReport {
  file: string
  city: string
  committed: boolean
  /** Why nothing was imported. */
  error?: string
  read: { nodes: number; ways: number; relations: number }
  /** Features written to each basemap layer. */
  imported: Record<BasemapKind, number>
  /** Addresses the gazetteer gains: buildings with a house number and address points. */
  addresses: number
  skipped: Array<{ reason: string; count: number }>
  seconds: number
}

const BATCH = 2000

/** The extract holds nothing this city can use; the transaction rolls back. */
class Refused extends Error {}

/**
 * Loads an OpenStreetMap extract into the city's basemap layers (`<city>-osm-streets`,
 * `-buildings`, `-addresses`, `-water`, `-waterways`, `-green`, `-railways`, `-places`) in one
 * transaction: every layer replaced, their versions bumped, or nothing changed. A truncated or
 * corrupt file, one with no streets, or one whose streets all lie outside the city is refused
 * with the reason. Never throws for a bad file: the report says what happened.
 */
export async function importOsmExtract(db: Kysely<DB>, options: OsmImportOptions): Promise<OsmImportReport> {
  const started = performance.now()
  const tally: ExtractTally = { nodes: 0, ways: 0, relations: 0, skipped: new Map() }
  const report: OsmImportReport = {
    file: options.file,
    city: options.cityId,
    committed: false,
    read: tally,
    imported: Object.fromEntries(BASEMAP_KINDS.map((k) => [k, 0])) as Record<BasemapKind, number>,
    addresses: 0,
    skipped: [],
    seconds: 0,
  }
  const cityName = await cityNameOf(db, options.cityId)
  try {
    if (cityName === undefined) throw new Refused(`there is no city "${options.cityId}"`)
    await db.transaction().execute(async (trx) => {
      await openOsmStaging(trx)
      let batch: StagedOsmFeature[] = []
      let index = 0
      for await (const feature of readExtract(options.file, tally)) {
        batch.push({ i: index++, k: feature.kind, p: feature.properties, g: feature.geometry, a: feature.assemble ?? false })
        if (batch.length >= BATCH) {
          await stageOsmFeatures(trx, batch)
          batch = []
        }
      }
      if (batch.length) await stageOsmFeatures(trx, batch)
      const shaped = await shapeStaged(trx)
      if (shaped.unassembled) tally.skipped.set('a multipolygon whose rings do not close', shaped.unassembled)
      if (shaped.broken) tally.skipped.set('a geometry PostGIS cannot repair', shaped.broken)
      const outside = await dropOutsideCity(trx, options.cityId)
      for (const [kind, n] of outside) tally.skipped.set(`${kind} more than 1 km outside ${cityName}`, n)
      const staged = await countStaged(trx)
      if (!staged.byKind.get('streets')) {
        throw new Refused(
          outside.get('streets')
            ? `none of the extract's ${outside.get('streets')} streets lies in ${cityName}: is it the extract of another region?`
            : 'the extract has no streets: it is empty or not of a town',
        )
      }
      const extractName = basename(options.file)
      const ids = BASEMAP_KINDS.map((k) => osmLayerId(options.cityId, k))
      const existing = await existingLayers(trx, ids)
      for (const kind of BASEMAP_KINDS) {
        const id = osmLayerId(options.cityId, kind)
        // A kind the extract lacks makes no empty layer, but empties one an older extract made.
        if (!staged.byKind.get(kind) && !existing.has(id)) continue
        const before = existing.has(id) ? await countLayerFeatures(trx, id) : 0
        await saveLayerDefinition(trx, osmLayerDefinition(options.cityId, kind, extractName))
        await deleteLayerFeatures(trx, id)
        report.imported[kind] = await insertStagedKind(trx, id, kind)
        await refreshLayerStats(trx, id)
        await recordImport(trx, { actor: options.actor ?? 'system', layerId: id, features: [before, report.imported[kind]], file: extractName })
      }
      report.addresses = staged.addressedBuildings + report.imported.addresses
    })
    report.committed = true
  } catch (err) {
    if (err instanceof ExtractError || err instanceof Refused) report.error = err.message
    else throw err
    report.imported = Object.fromEntries(BASEMAP_KINDS.map((k) => [k, 0])) as Record<BasemapKind, number>
    report.addresses = 0
  } finally {
    report.skipped = [...tally.skipped].map(([reason, count]) => ({ reason, count }))
    report.seconds = (performance.now() - started) / 1000
  }
  return report
}

/** The report as the command prints it. */
export function formatOsmImportReport(report: OsmImportReport): string {
  const lines = [`${report.file} → ${report.city}: ${report.committed ? 'imported' : 'NOTHING CHANGED'}${report.error ? ` — ${report.error}` : ''}`]
  lines.push(`  read: ${report.read.nodes} nodes, ${report.read.ways} ways, ${report.read.relations} relations in ${report.seconds.toFixed(1)} s`)
  if (report.committed) {
    const i = report.imported
    lines.push(`  streets ${i.streets}, buildings ${i.buildings}, addresses ${report.addresses}, places ${i.places}`)
    lines.push(`  water ${i.water}, waterways ${i.waterways}, green areas ${i.green}, railways ${i.railways}`)
  }
  for (const s of report.skipped) lines.push(`  skipped ${s.count}: ${s.reason}`)
  return lines.join('\n')
}
