/**
 * Layer exports as files: each public layer's GeoJSON, CSV (+ `.csvt`), GeoPackage and
 * FlatGeobuf, written once per layer version into `<root>/<layer>/<version>-<fingerprint>/` and
 * then served as files (length, validators, byte ranges), as GDAL's `/vsicurl/` and QGIS need
 * them. The fingerprint covers what the files say of the layer besides its features (title,
 * licence, attribution, attribute types), which changes without a new version.
 *
 * A file is written to a temporary name beside it, flushed to disk and renamed into place, so a
 * crash or a full disk never leaves half a file under the real name; concurrent first requests
 * for the same file share one write. Once a version is written, older versions' folders go.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { Kysely } from 'kysely'
import type { DB } from '../db/index.ts'
import { findLayerContents, findPublicLayer, holdsSyntheticData, type Layer } from './catalogue/index.ts'
import { csvExport, csvtLine, exportGeometryType, geoJsonExport, layerGeometryTypes, withTypedProperties, writeFlatGeobuf, writeGeoPackage } from './export/index.ts'
import { streamPublicFeatures } from './feature.queries.ts'

/** The export formats, by file extension. */
export const EXPORT_FORMATS = ['geojson', 'csv', 'csvt', 'gpkg', 'fgb'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** The media type each format is served as. */
export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  geojson: 'application/geo+json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  // GDAL's sidecar is plain text; it has no registered type of its own.
  csvt: 'text/plain; charset=utf-8',
  gpkg: 'application/geopackage+sqlite3',
  fgb: 'application/vnd.flatgeobuf',
}

/**
 * What a layer's export files are of: `<version>-<fingerprint>`, e.g. `12-3fa9c1d2`. The version
 * grows with every feature write; the fingerprint changes with the layer's description, licence,
 * attribution and attributes, which the files carry too.
 */
export function exportTag(layer: Pick<Layer, 'id' | 'version' | 'title' | 'description' | 'licence' | 'attribution' | 'synthetic' | 'attributes' | 'geometry_type'>): string {
  const described = [layer.id, layer.title, layer.description, layer.licence, layer.attribution, layer.synthetic, layer.attributes, layer.geometry_type]
  return `${layer.version}-${createHash('sha256').update(JSON.stringify(described)).digest('hex').slice(0, 8)}`
}

/** A written export: where it is and what identifies this version of it. */
export interface ExportFile {
  path: string
  format: ExportFormat
  /** The {@link exportTag} of the layer it holds. */
  tag: string
  size: number
  modified: Date
  /** A strong validator: changes with the version and with every rewrite of the file. */
  etag: string
}

/** The disk refused an export (full, read-only, not permitted): nothing was left under the file's name. */
export class ExportWriteError extends Error {
  override name = 'ExportWriteError'
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message)
  }
}

/** Errors of the filesystem that are the disk's state, not a bug: the client may try again later. */
const DISK_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM', 'EIO', 'EMFILE', 'ENFILE'])

/** SQLite's messages for the same: its VFS turns a refused write into an I/O error code. */
const SQLITE_DISK_MESSAGE = /disk I\/O error|database or disk is full|readonly database|unable to open|could not open/i

function diskError(err: unknown): ExportWriteError | undefined {
  const e = err as NodeJS.ErrnoException
  if (e?.code && DISK_CODES.has(e.code)) return new ExportWriteError(e.message, e.code)
  if (e?.name === 'SQLite3Error' && SQLITE_DISK_MESSAGE.test(e.message)) return new ExportWriteError(e.message, 'SQLITE_IOERR')
  return undefined
}

/** How many times a write is redone when the layer changed while it was written. */
const STALE_RETRIES = 3

const PARTIAL = '.partial'

/** The files of layer exports under one folder; one instance per server. */
export class LayerExportStore {
  /** Files written since the store was made: proves each file is written once per version. */
  writes = 0
  readonly #inFlight = new Map<string, Promise<ExportFile | undefined>>()

  /**
   * @param root the folder of the exports, `<data dir>/exports`; created on the first write.
   * @param log where a failed cleanup of older versions is said (the new file is served all the same).
   */
  constructor(
    readonly root: string,
    private readonly log: (msg: string, fields?: Record<string, unknown>) => void = () => {},
  ) {}

  /** Where a layer version's file lives: `<root>/<layer>/<tag>/<layer>.<format>`. */
  pathOf(layerId: string, tag: string, format: ExportFormat): string {
    return join(this.root, layerId, tag, `${layerId}.${format}`)
  }

  /** The file of a layer's {@link exportTag} when it has been written (and not yet cleaned up), else undefined. */
  async find(layerId: string, tag: string, format: ExportFormat): Promise<ExportFile | undefined> {
    const path = this.pathOf(layerId, tag, format)
    try {
      const info = await stat(path)
      return { path, format, tag, size: info.size, modified: info.mtime, etag: `"${tag}-${format}-${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"` }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined
      throw err
    }
  }

  /**
   * The file of the layer's current version, written now if it is not there yet; concurrent
   * calls for the same file share the write. When the layer changes while the file is written,
   * it is written again for the new version. Returns undefined when the layer stopped being
   * public meanwhile. Throws {@link ExportWriteError} when the disk refuses the file.
   */
  current(db: Kysely<DB>, layer: Layer, format: ExportFormat): Promise<ExportFile | undefined> {
    return this.#shared(db, layer, format, STALE_RETRIES)
  }

  /** The file, or the one write of it in flight, or a new write. */
  async #shared(db: Kysely<DB>, layer: Layer, format: ExportFormat, retries: number): Promise<ExportFile | undefined> {
    const tag = exportTag(layer)
    const existing = await this.find(layer.id, tag, format)
    if (existing) return existing
    const key = `${layer.id}/${tag}/${format}`
    let flight = this.#inFlight.get(key)
    if (!flight) {
      flight = this.#write(db, layer, format, retries).finally(() => this.#inFlight.delete(key))
      this.#inFlight.set(key, flight)
    }
    return flight
  }

  /** Removes the temporary files a crash left behind; call once at start. Returns how many went. */
  async sweep(): Promise<number> {
    let removed = 0
    const walk = async (dir: string): Promise<void> => {
      const entries = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return []
        throw err
      })
      for (const entry of entries) {
        const path = join(dir, entry.name)
        if (entry.name.includes(PARTIAL)) {
          await rm(path, { recursive: true, force: true })
          removed++
        } else if (entry.isDirectory()) await walk(path)
      }
    }
    await walk(this.root)
    return removed
  }

  async #write(db: Kysely<DB>, layer: Layer, format: ExportFormat, retries: number): Promise<ExportFile | undefined> {
    const tag = exportTag(layer)
    const path = this.pathOf(layer.id, tag, format)
    const dir = join(this.root, layer.id, tag)
    const partial = `${path}.${randomBytes(6).toString('hex')}${PARTIAL}`
    try {
      await mkdir(dir, { recursive: true })
      await writeExport(db, layer, format, partial)
      // Flushed before the rename, so that after a power cut the name holds the whole file or nothing.
      const handle = await open(partial, 'r')
      await handle.sync().finally(() => handle.close())
      const now = await findPublicLayer(db, layer.id)
      if ((!now || exportTag(now) !== tag) && retries > 0) {
        await removePartial(partial)
        return now ? this.#shared(db, now, format, retries - 1) : undefined
      }
      await rename(partial, path)
      this.writes++
    } catch (err) {
      await removePartial(partial)
      // A newer version's write removes this version's folder: a write it cut short is redone for the new version.
      const now = retries > 0 ? await findPublicLayer(db, layer.id) : undefined
      if (now && exportTag(now) !== tag) return this.#shared(db, now, format, retries - 1)
      throw diskError(err) ?? err
    }
    // Left for the next write to remove when it fails: the new file is whole and served.
    await this.#removeOlderVersions(layer.id, tag).catch((err: Error) =>
      this.log('older layer exports could not be removed; tried again after the next write', { level: 'warn', layer: layer.id, error: err.message }),
    )
    return this.find(layer.id, tag, format)
  }

  /** Older versions' folders of a layer (and the same version's of an older description): their URLs answer 404 from now on. */
  async #removeOlderVersions(layerId: string, tag: string): Promise<void> {
    const version = Number.parseInt(tag, 10)
    const entries = await readdir(join(this.root, layerId))
    for (const name of entries) {
      const older = /^\d+-[0-9a-f]{8}$/.test(name) && Number.parseInt(name, 10) <= version && name !== tag
      if (older) await rm(join(this.root, layerId, name), { recursive: true, force: true })
    }
  }
}

/** A temporary file and what SQLite may have put beside it (its lock folder, a journal). */
async function removePartial(partial: string): Promise<void> {
  for (const path of [partial, `${partial}.lock`, `${partial}-journal`]) await rm(path, { recursive: true, force: true })
}

/** Writes one format of the layer's current features to `path`, a new file. */
async function writeExport(db: Kysely<DB>, stored: Layer, format: ExportFormat, path: string): Promise<void> {
  // The file says the data is synthetic as the passport and the OGC collection do.
  const layer = { ...stored, synthetic: holdsSyntheticData(stored, (await findLayerContents(db, [stored])).get(stored.id)) }
  const features = () => streamPublicFeatures(db, layer)
  switch (format) {
    case 'geojson':
      return pipeline(Readable.from(geoJsonExport(layer, withTypedProperties(layer, features()))), createWriteStream(path, { flags: 'wx' }))
    case 'csv':
      return pipeline(Readable.from(csvExport(layer, features())), createWriteStream(path, { flags: 'wx' }))
    case 'csvt':
      return writeFile(path, csvtLine(layer), { flag: 'wx' })
    case 'gpkg':
      return writeGeoPackage(path, layer, exportGeometryType(await layerGeometryTypes(db, layer.id)), features())
    case 'fgb':
      return writeFlatGeobuf(path, layer, exportGeometryType(await layerGeometryTypes(db, layer.id)), features())
  }
}
