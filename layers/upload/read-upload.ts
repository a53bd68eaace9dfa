/**
 * Reading an upload for review: every feature checked, reprojected to lon/lat by PostGIS and
 * staged in one transaction, with a report of what was accepted, repaired and rejected and
 * why. A file whose coordinate system is unknown stages nothing: nothing is ever stored in a
 * wrong place; the planner chooses the system and the file is read again.
 */
import type { Geometry } from 'geojson'
import type { Kysely, Transaction } from 'kysely'
import wkx from 'wkx'
import type { DB } from '../../db/index.ts'
import { AttributeSurvey, checkFeature, geometryFamily, ImportFileError, type Scalar, stageBatch, UKRAINE_BOX } from '../import/index.ts'
import { crsName, identifyCrs, suggestCrs } from './crs.ts'
import { openUpload } from './open-upload.ts'
import type { EncodingChoice, UploadFormat, UploadSource } from './upload-source.ts'
import {
  allowLongStatements,
  dropEmptyStagedUpload,
  dropStagedOutside,
  findUpload,
  finishUpload,
  isKnownSrid,
  repairStagedUpload,
  reprojectBox,
  saveUpload,
  stagedFigures,
  stageUploadFeatures,
  type StagedUploadFeature,
  type UploadRow,
} from './upload.queries.ts'

/** What to read: the stored file of an upload and the planner's choices, if any. */
export interface UploadInput {
  id: string
  uploadedBy: number
  /** The upload's own folder (a zip is unpacked inside it). */
  dir: string
  path: string
  fileName: string
  fileBytes: number
  encoding?: string | undefined
  /** An EPSG code the planner chose; overrides what the file says. */
  srid?: number | undefined
}

/** One thing the planner should know about the file or a feature of it. */
export interface UploadProblem {
  kind: 'crs' | 'encoding' | 'rejected' | 'repaired' | 'skipped'
  message: string
  /** The feature's 0-based position in the file. */
  feature?: number
}

/** A field of the upload with a few of its values, for labelling it. */
export interface UploadField {
  name: string
  type: string
  samples: Scalar[]
}

/** The report of an upload as stored with it. */
export interface UploadReport {
  fields: UploadField[]
  problems: UploadProblem[]
  /** How many problems of each kind there were (the list keeps the first {@link MAX_PROBLEMS}). */
  counts: { rejected: number; repaired: number; skipped: number }
  crs_source: 'option' | 'file' | 'format' | 'assumed' | 'unknown'
  crs_suggestions: Array<{ code: string; name: string }>
  encoding_source?: EncodingChoice['source'] | undefined
  encoding_confident?: boolean | undefined
  encoding_candidates: EncodingChoice['candidates']
}

const BATCH = 500
const MAX_PROBLEMS = 1000
const SAMPLES_PER_FIELD = 3
/** How many features are looked at to tell lon/lat from metres when the file does not say. */
const CRS_SAMPLE = 1000

/** The features' raw extent (in the file's own units) over the first `limit` features. */
async function rawExtent(source: UploadSource, limit: number): Promise<[number, number, number, number] | undefined> {
  let box: [number, number, number, number] | undefined
  let seen = 0
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number') {
      const [x, y] = c as [number, number]
      if (!Number.isFinite(x) || !Number.isFinite(y)) return
      box = box ? [Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)] : [x, y, x, y]
    } else if (Array.isArray(c)) for (const x of c) walk(x)
  }
  for await (const { feature } of source.features()) {
    walk((feature as { geometry?: { coordinates?: unknown } } | null)?.geometry?.coordinates)
    if (++seen >= limit) break
  }
  return box
}

const looksLonLat = ([w, s, e, n]: [number, number, number, number]) => w >= -180 && e <= 180 && s >= -90 && n <= 90

/** Decides the coordinate system: the planner's choice, the file's word, the format's rule, or a careful guess. */
async function decideCrs(db: Kysely<DB>, source: UploadSource, srid: number | undefined): Promise<{ srid: number | undefined; source: UploadReport['crs_source']; extent?: [number, number, number, number] | undefined }> {
  if (srid !== undefined) {
    if (!(await isKnownSrid(db, srid))) throw new ImportFileError(`EPSG:${srid} is not a coordinate system in the EPSG catalogue`)
    return { srid, source: 'option' }
  }
  if (source.crs) {
    const known = await identifyCrs(db, source.crs)
    if (known) return { srid: known.srid, source: source.format === 'geojson' || source.format === 'kml' ? 'format' : 'file' }
  }
  const extent = await rawExtent(source, CRS_SAMPLE)
  // GeoJSON is lon/lat by its RFC; any other file that does not say, when its coordinates can only be lon/lat.
  if (!source.crs && extent && looksLonLat(extent)) return { srid: 4326, source: source.format === 'geojson' ? 'format' : 'assumed', extent }
  return { srid: undefined, source: 'unknown', extent }
}

/** A GeoJSON geometry as hex WKB, or undefined when it cannot be one. */
function toWkbHex(geometry: Geometry): string | undefined {
  try {
    return wkx.Geometry.parseGeoJSON(geometry).toWkb().toString('hex')
  } catch {
    // wkx refuses a shape it cannot encode; the caller rejects the feature.
    return undefined
  }
}

/** The family of a feature's own geometry (the upload may mix them; a layer takes one). */
function familyOf(feature: unknown) {
  const type = (feature as { geometry?: { type?: unknown } } | null)?.geometry?.type
  return (typeof type === 'string' && geometryFamily(type)) || 'point'
}

/** Collects a few distinct values of each field, in file order. */
class FieldSamples {
  readonly #values = new Map<string, Scalar[]>()
  add(properties: Record<string, Scalar>): void {
    for (const [key, value] of Object.entries(properties)) {
      let list = this.#values.get(key)
      if (!list) this.#values.set(key, (list = []))
      if (list.length < SAMPLES_PER_FIELD && !list.includes(value)) list.push(value)
    }
  }
  of(name: string): Scalar[] {
    return this.#values.get(name) ?? []
  }
}

/**
 * Reads an upload into the database for review and returns its row. Throws
 * {@link ImportFileError} when the file as a whole cannot be used (nothing is then written).
 */
export async function readUpload(db: Kysely<DB>, input: UploadInput): Promise<UploadRow> {
  const source = await openUpload(input.path, input.fileName, input.dir, { encoding: input.encoding })
  try {
    const crs = await decideCrs(db, source, input.srid)
    await db.transaction().execute((trx) => stageAll(trx, input, source, crs))
  } finally {
    await source.close()
  }
  return (await findUpload(db, input.id))!
}

async function stageAll(
  trx: Transaction<DB>,
  input: UploadInput,
  source: UploadSource,
  crs: { srid: number | undefined; source: UploadReport['crs_source']; extent?: [number, number, number, number] | undefined },
): Promise<void> {
  await allowLongStatements(trx)
  await saveUpload(trx, { id: input.id, uploadedBy: input.uploadedBy, fileName: input.fileName, fileBytes: input.fileBytes, format: source.format as UploadFormat })
  const problems: UploadProblem[] = []
  const counts = { rejected: 0, repaired: 0, skipped: 0 }
  const note = (problem: UploadProblem) => {
    if (problem.kind !== 'crs' && problem.kind !== 'encoding') counts[problem.kind]++
    if (problems.length < MAX_PROBLEMS) problems.push(problem)
  }
  const survey = new AttributeSurvey()
  const samples = new FieldSamples()
  const srid = crs.srid
  let read = 0
  let batch: StagedUploadFeature[] = []
  // One batch is written while the next is read: the database and the reader work at once
  // (each was about half of an upload's time). The next write waits for the one before.
  let writing: Promise<void> = Promise.resolve()
  const write = async (rows: StagedUploadFeature[]) => {
    await writing
    writing = stage(trx, input.id, srid!, rows, note)
    // Awaited by the next write or at the end; a failure must not go unhandled meanwhile.
    writing.catch(() => {})
  }
  const types = new Set<string>()
  for await (const { index, feature, problem } of source.features()) {
    read++
    if (problem) {
      note({ kind: 'rejected', feature: index, message: problem })
      continue
    }
    const verdict = checkFeature(feature, {
      geometryType: familyOf(feature),
      coordinates: srid === 4326 ? 'lonlat' : 'projected',
      region: UKRAINE_BOX,
    })
    if (verdict.kind !== 'accept') {
      note({ kind: verdict.kind === 'skip' ? 'skipped' : 'rejected', feature: index, message: verdict.reason })
      continue
    }
    for (const n of verdict.notes) note({ kind: 'repaired', feature: index, message: n })
    survey.add(verdict.properties)
    samples.add(verdict.properties)
    types.add(verdict.geometry.type)
    if (srid === undefined) continue
    const wkb = toWkbHex(verdict.geometry)
    if (wkb === undefined) {
      note({ kind: 'rejected', feature: index, message: `the ${verdict.geometry.type} cannot be written as a geometry` })
      continue
    }
    batch.push({ i: index, p: verdict.properties, g: wkb })
    if (batch.length >= BATCH) {
      await write(batch)
      batch = []
    }
  }
  if (read === 0) throw new ImportFileError(`${input.fileName} holds no features`)
  let figures: { count: number; types: string[]; bbox: number[] | null }
  if (srid === undefined) {
    if (types.size === 0) throw new ImportFileError(`${input.fileName} holds no usable feature: ${problems[0]?.message ?? 'every feature was rejected'}`)
    figures = { count: 0, types: [...types], bbox: null }
  } else {
    await write(batch)
    await writing
    for (const idx of await dropEmptyStagedUpload(trx, input.id)) note({ kind: 'rejected', feature: idx, message: 'the geometry is empty' })
    const { repaired, lost } = await repairStagedUpload(trx, input.id)
    for (const r of repaired) note({ kind: 'repaired', feature: r.idx, message: `invalid geometry repaired with ST_MakeValid: ${r.reason}` })
    for (const r of lost) note({ kind: 'rejected', feature: r.idx, message: `invalid geometry that cannot be repaired: ${r.reason}` })
    if (srid !== 4326) {
      for (const out of await dropStagedOutside(trx, input.id, UKRAINE_BOX)) {
        note({
          kind: 'rejected',
          feature: out.idx,
          message: `lands outside Ukraine (lon ${out.lon.toFixed(4)}, lat ${out.lat.toFixed(4)}) from EPSG:${srid}: is that the file's coordinate system?`,
        })
      }
    }
    figures = await stagedFigures(trx, input.id)
    if (figures.count === 0) {
      const first = problems.find((p) => p.kind === 'rejected')
      throw new ImportFileError(`${input.fileName} holds no usable feature: ${first ? `feature ${first.feature}: ${first.message}` : 'every feature was rejected'}`)
    }
  }
  const name = srid === undefined ? null : ((await crsName(trx, srid)) ?? `EPSG:${srid}`)
  const suggestions = srid === undefined && crs.extent ? await namedSuggestions(trx, suggestCrs(crs.extent)) : []
  if (srid === undefined) {
    note({
      kind: 'crs',
      message: suggestions.length
        ? `The file does not say its coordinate system, and its coordinates are not longitude/latitude. Choose one; from the numbers it may be ${suggestions.map((s) => `${s.code} (${s.name})`).join(', ')}.`
        : 'The file does not say its coordinate system, and its coordinates are not longitude/latitude. Choose one (an EPSG code) and read the file again.',
    })
  } else if (crs.source === 'assumed') {
    note({ kind: 'crs', message: 'The file does not say its coordinate system; its coordinates look like longitude/latitude, so WGS 84 (EPSG:4326) was assumed. Check the preview.' })
  }
  const encoding = source.encoding
  if (encoding && !encoding.confident) {
    note({ kind: 'encoding', message: `The text encoding was guessed as ${encoding.name} but the guess is weak: check the field values in the preview and choose another if they read wrong.` })
  }
  const surveyed = survey.fields()
  // The file's own field order where it has one; fields with no value anywhere are left out.
  const names = [...source.fields.filter((f) => surveyed.some((s) => s.name === f)), ...surveyed.map((s) => s.name).filter((n) => !source.fields.includes(n))]
  const report: UploadReport = {
    fields: names.map((name) => ({ name, type: surveyed.find((s) => s.name === name)!.type, samples: samples.of(name) })),
    problems,
    counts,
    crs_source: crs.source,
    crs_suggestions: suggestions,
    encoding_source: encoding?.source,
    encoding_confident: encoding?.confident,
    encoding_candidates: encoding?.candidates ?? [],
  }
  const bbox = figures.bbox ?? (srid === undefined ? null : crs.extent ? await reprojectBox(trx, crs.extent, srid) : null)
  await finishUpload(trx, input.id, { srid: srid ?? null, crsName: name, encoding: encoding?.name ?? null, read, count: figures.count, types: figures.types, bbox, report: report as unknown as Record<string, unknown> })
}

async function namedSuggestions(trx: Transaction<DB>, codes: number[]): Promise<Array<{ code: string; name: string }>> {
  const named: Array<{ code: string; name: string }> = []
  // One at a time: a transaction runs one statement at a time.
  for (const code of codes) named.push({ code: `EPSG:${code}`, name: (await crsName(trx, code)) ?? `EPSG:${code}` })
  return named
}

/** Writes a batch to staging; a feature PostGIS refuses (or cannot reproject) is named in the report. */
async function stage(trx: Transaction<DB>, uploadId: string, srid: number, batch: StagedUploadFeature[], note: (p: UploadProblem) => void): Promise<void> {
  await stageBatch(trx, batch, (rows) => stageUploadFeatures(trx, uploadId, srid, rows), (row, err) => {
    note({ kind: 'rejected', feature: row.i, message: `PostGIS refused the geometry: ${err.message}` })
  })
}
