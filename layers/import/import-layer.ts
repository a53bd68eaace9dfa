import { extname } from 'node:path'
import type { Kysely, Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type GeometryKind, type LayerDefinition, refreshLayerStats, saveLayerDefinition } from '../catalogue/index.ts'
import { checkFeature, geometryFamily, type FeatureRules, type LonLatBox, type Scalar } from './check-feature.ts'
import type { ImportIssue, ImportReport } from './import-report.ts'
import { AttributeSurvey } from './infer-attributes.ts'
import {
  countLayerFeatures,
  deleteLayerFeatures,
  deleteStaged,
  dropEmptyStaged,
  findInvalidStaged,
  insertStagedFeatures,
  openStaging,
  recordImport,
  repairStaged,
  stageFeatures,
  type StagedFeature,
} from './import.queries.ts'
import { stageBatch } from './stage-batch.ts'
import { readCsvFeatures, type CsvOptions } from './read-csv.ts'
import { openDataFile, readGeoJsonFeatures } from './read-geojson.ts'
import { ImportFileError, type SourceFeature } from './source-feature.ts'

/** A layer definition where the importer may infer the geometry family and the attributes. */
export type LayerDraft = Omit<LayerDefinition, 'geometryType' | 'attributes'> & {
  geometryType?: GeometryKind
  attributes?: LayerDefinition['attributes']
}

/** What to import and how. */
export interface ImportOptions {
  file: string
  layer: LayerDraft
  /** Default: from the file extension (`.csv` → csv, anything else → geojson). */
  format?: 'geojson' | 'csv'
  csv?: CsvOptions
  /** Stored name → source key; unset keeps every key. */
  properties?: Record<string, string>
  /** Left out on purpose (reported as skipped). */
  keep?: FeatureRules['keep']
  region?: LonLatBox
  /** `replace` (default) swaps the layer's features; `append` adds to them. */
  mode?: 'replace' | 'append'
  /** Import the valid features even when some are rejected (default false: all or nothing). */
  skipInvalid?: boolean
  /** Who imports, for the audit log (default `system`). */
  actor?: string
  /** When the attributes are inferred: these are stored but never published. */
  privateAttributes?: string[]
}

const BATCH = 500
const MAX_ISSUES = 1000
const DIMENSION: Record<GeometryKind, number> = { point: 1, line: 2, polygon: 3 }

class Rollback extends Error {}

/**
 * Imports a GeoJSON (plain or gzip) or CSV file into a layer in one transaction: all of it or
 * none of it. Features are checked as GeoJSON, then by PostGIS: invalid geometries are
 * repaired with ST_MakeValid where that keeps the geometry family, and rejected otherwise.
 * Never throws for bad input: the report says what happened.
 */
export async function importLayer(db: Kysely<DB>, options: ImportOptions): Promise<ImportReport> {
  const report: ImportReport = {
    layer: options.layer.id,
    file: options.file,
    committed: false,
    read: 0,
    accepted: 0,
    repaired: [],
    rejected: [],
    skipped: [],
  }
  try {
    await db.transaction().execute((trx) => runImport(trx, options, report))
    report.committed = true
  } catch (err) {
    report.accepted = 0
    if (err instanceof ImportFileError) report.error = err.message
    else if (!(err instanceof Rollback)) throw err
  }
  return report
}

async function runImport(trx: Transaction<DB>, options: ImportOptions, report: ImportReport): Promise<void> {
  await openStaging(trx)
  const survey = new AttributeSurvey()
  let geometryType = options.layer.geometryType
  const note = (list: ImportIssue[], issue: ImportIssue) => {
    if (list.length < MAX_ISSUES) list.push(issue)
  }
  let batch: StagedFeature[] = []
  for await (const source of readFeatures(options)) {
    report.read++
    const verdict = source.problem
      ? { kind: 'reject' as const, reason: source.problem }
      : checkFeature(source.feature, {
          geometryType: geometryType ?? inferFamily(source.feature),
          properties: options.properties,
          attributes: options.layer.attributes,
          region: options.region,
          keep: options.keep,
        })
    if (verdict.kind === 'skip') note(report.skipped, { index: source.index, reason: verdict.reason })
    else if (verdict.kind === 'reject') note(report.rejected, { index: source.index, reason: verdict.reason })
    else {
      geometryType ??= geometryFamily(verdict.geometry.type)
      for (const n of verdict.notes) note(report.repaired, { index: source.index, reason: n })
      survey.add(verdict.properties)
      batch.push({ i: source.index, p: verdict.properties, g: verdict.geometry })
      if (batch.length >= BATCH) batch = await stage(trx, batch, report)
    }
  }
  await stage(trx, batch, report)
  if (!geometryType) {
    if (report.rejected.length === 0) report.rejected.push({ index: -1, reason: 'the file holds no usable feature' })
    throw new Rollback()
  }
  await repairGeometries(trx, geometryType, report)
  if (report.rejected.length > 0 && !options.skipInvalid) throw new Rollback()

  const layer: LayerDefinition = {
    ...options.layer,
    geometryType,
    attributes: options.layer.attributes ?? survey.fields(options.privateAttributes),
  }
  const before = await countLayerFeatures(trx, layer.id)
  await saveLayerDefinition(trx, layer)
  if ((options.mode ?? 'replace') === 'replace') await deleteLayerFeatures(trx, layer.id)
  report.accepted = await insertStagedFeatures(trx, layer.id)
  await refreshLayerStats(trx, layer.id)
  const after = report.accepted + (options.mode === 'append' ? before : 0)
  await recordImport(trx, { actor: options.actor ?? 'system', layerId: layer.id, features: [before, after], file: options.file.split('/').pop() })
}

function readFeatures(options: ImportOptions): AsyncGenerator<SourceFeature> {
  const format = options.format ?? (extname(options.file).toLowerCase() === '.csv' ? 'csv' : 'geojson')
  return (async function* () {
    const input = await openDataFile(options.file).catch((err: Error) => {
      throw new ImportFileError(`cannot read the file: ${err.message}`)
    })
    try {
      yield* format === 'csv' ? readCsvFeatures(input, options.csv) : readGeoJsonFeatures(input)
    } finally {
      input.destroy()
    }
  })()
}

/** The family of the first feature, when the layer does not say (CLI imports into a new layer). */
function inferFamily(feature: unknown): GeometryKind {
  const type = (feature as { geometry?: { type?: unknown } } | null)?.geometry?.type
  return (typeof type === 'string' && geometryFamily(type)) || 'point'
}

/** Writes a batch to the staging table; a feature PostGIS refuses is named in the report. */
async function stage(trx: Transaction<DB>, batch: StagedFeature[], report: ImportReport): Promise<StagedFeature[]> {
  await stageBatch(trx, batch, (rows) => stageFeatures(trx, rows), (row, err) => {
    report.rejected.push({ index: row.i, reason: `PostGIS refused the geometry: ${err.message}` })
  })
  return []
}

/** Rejects empty geometries; ST_MakeValid for invalid ones, keeping only the layer's family; empty results are rejected. */
async function repairGeometries(trx: Transaction<DB>, family: GeometryKind, report: ImportReport): Promise<void> {
  for (const idx of await dropEmptyStaged(trx)) report.rejected.push({ index: idx, reason: 'the geometry is empty' })
  const invalid = await findInvalidStaged(trx)
  if (invalid.length === 0) return
  const lost = new Set(await repairStaged(trx, invalid.map((r) => r.idx), DIMENSION[family]))
  for (const { idx, reason } of invalid) {
    if (lost.has(idx)) report.rejected.push({ index: idx, reason: `invalid geometry that cannot be repaired: ${reason}` })
    else report.repaired.push({ index: idx, reason: `invalid geometry repaired with ST_MakeValid: ${reason}` })
  }
  if (lost.size > 0) await deleteStaged(trx, [...lost])
}
