/**
 * Reading a GeoPackage (the QGIS default format): an SQLite file with its feature tables listed
 * in `gpkg_contents` and its coordinate systems in `gpkg_spatial_ref_sys`.
 *
 * node-sqlite3-wasm runs SQLite compiled to WebAssembly with a VFS that reads the file through
 * Node's `fs` (`fs.readSync` of the pages SQLite asks for), so a 150 MB GeoPackage is never
 * loaded into the JS heap; rows are stepped through one statement at a time.
 */
import { open } from 'node:fs/promises'
import sqlite from 'node-sqlite3-wasm'
import wkx from 'wkx'
import { ImportFileError, type SourceFeature } from '../import/index.ts'
import type { DeclaredCrs, EncodingChoice, UploadSource } from './upload-source.ts'

type Sqlite = InstanceType<typeof sqlite.Database>
type Row = Record<string, unknown>

/** The GeoPackage standard requires UTF-8 text. */
const GEOPACKAGE_ENCODING: EncodingChoice = { name: 'utf-8', source: 'default', confident: true, candidates: [] }

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1')

/** A double-quoted SQLite identifier; table and column names come from the file. */
const quoteIdentifier = (name: string) => `"${name.replace(/"/g, '""')}"`

async function hasSqliteHeader(path: string): Promise<boolean> {
  const file = await open(path, 'r')
  try {
    const head = Buffer.alloc(SQLITE_MAGIC.length)
    const { bytesRead } = await file.read(head, 0, head.length, 0)
    return bytesRead === head.length && head.equals(SQLITE_MAGIC)
  } finally {
    await file.close()
  }
}

/** The feature tables, in the order of `gpkg_contents`, with their geometry column and SRS. */
function featureTables(db: Sqlite): Array<{ table: string; column: string; srsId: number }> {
  const hasContents = db.get("SELECT 1 AS yes FROM sqlite_master WHERE type = 'table' AND name = 'gpkg_contents'")
  if (!hasContents) return []
  const rows = db.all(`
    SELECT c.table_name AS "table", g.column_name AS "column", g.srs_id AS "srsId"
      FROM gpkg_contents c JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
     WHERE lower(c.data_type) = 'features'
     ORDER BY c.rowid`) as Array<{ table: string; column: string; srsId: number }>
  return rows
}

/**
 * What the SRS row says: the EPSG code when its organisation is EPSG, and its WKT. The ids 0 and
 * -1 are the standard's "undefined geographic" and "undefined Cartesian": the file says nothing.
 */
function declaredCrs(db: Sqlite, srsId: number): DeclaredCrs | undefined {
  if (srsId === 0 || srsId === -1) return undefined
  const row = db.get('SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]) as
    | { organization: string | null; organization_coordsys_id: number | null; definition: string | null }
    | null
  if (!row) return undefined
  const wkt = row.definition && row.definition.trim().toLowerCase() !== 'undefined' ? row.definition : undefined
  const srid = row.organization?.toUpperCase() === 'EPSG' && row.organization_coordsys_id ? Number(row.organization_coordsys_id) : undefined
  if (srid === undefined && wkt === undefined) return undefined
  return { ...(srid !== undefined && { srid }), ...(wkt !== undefined && { wkt }) }
}

/** Bytes of the envelope after the header, by the envelope indicator in bits 1–3 of the flags. */
const ENVELOPE_BYTES = [0, 32, 48, 48, 64]

/**
 * A GeoPackage geometry blob as GeoJSON: the `GP` header (version, flags with the envelope size,
 * the empty bit and the header's byte order, the SRS id, the envelope) then standard WKB.
 */
export function decodeGeoPackageGeometry(blob: Uint8Array): { geometry: unknown } | { problem: string } {
  const bytes = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
  if (bytes.length < 8 || bytes[0] !== 0x47 || bytes[1] !== 0x50) return { problem: 'not a GeoPackage geometry (no GP header)' }
  const flags = bytes[3]!
  if (flags & 0x20) return { problem: 'an extended GeoPackage geometry type, which cannot be read' }
  if (flags & 0x10) return { problem: 'empty geometry' }
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07]
  if (envelope === undefined) return { problem: 'not a GeoPackage geometry (bad envelope flag)' }
  try {
    return { geometry: wkx.Geometry.parse(bytes.subarray(8 + envelope)).toGeoJSON() }
  } catch (err) {
    return { problem: `unreadable geometry: ${(err as Error).message}` }
  }
}

/** An SQLite value as a GeoJSON property; BLOB values (photos, documents) are left out, not base64-encoded. */
function propertyValue(value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString()
  return value
}

/** Turns SQLite's errors on a damaged file into a refusal of the file. */
function asFileError(err: unknown): ImportFileError {
  if (err instanceof ImportFileError) return err
  return new ImportFileError(`the GeoPackage cannot be read (damaged or not a GeoPackage): ${(err as Error).message}`)
}

/**
 * Opens a GeoPackage read-only and reads its first feature table (or `options.table`): features
 * in the table's own coordinates, every column but the geometry and the primary key as a
 * property. Refuses a file that is not SQLite, is damaged, has no feature table, or lacks the
 * asked table.
 */
export async function openGeoPackage(path: string, options: { table?: string } = {}): Promise<UploadSource & { tables: string[] }> {
  if (!(await hasSqliteHeader(path))) throw new ImportFileError('not a GeoPackage: the file is not an SQLite database')
  let db: Sqlite
  try {
    db = new sqlite.Database(path, { readOnly: true })
  } catch (err) {
    throw asFileError(err)
  }
  try {
    const tables = featureTables(db)
    if (tables.length === 0) throw new ImportFileError('the GeoPackage has no feature table (no table with geometries in gpkg_contents)')
    const chosen = options.table === undefined ? tables[0]! : tables.find((t) => t.table === options.table)
    if (!chosen) {
      throw new ImportFileError(`the GeoPackage has no feature table "${options.table}"; it has: ${tables.map((t) => t.table).join(', ')}`)
    }
    const columns = db.all(`PRAGMA table_info(${quoteIdentifier(chosen.table)})`) as Array<{ name: string; type: string; pk: number }>
    const fields = columns
      .filter((c) => c.pk === 0 && c.name !== chosen.column && c.type.toUpperCase() !== 'BLOB')
      .map((c) => c.name)
    const select = `SELECT ${[chosen.column, ...fields].map(quoteIdentifier).join(', ')} FROM ${quoteIdentifier(chosen.table)}`
    // Prepared now so that a damaged table is refused when the file is opened, not halfway through.
    db.prepare(select).finalize()
    const crs = declaredCrs(db, chosen.srsId)
    const database = db
    return {
      format: 'geopackage',
      crs,
      encoding: GEOPACKAGE_ENCODING,
      fields,
      tables: tables.map((t) => t.table),
      async *features(): AsyncGenerator<SourceFeature> {
        const statement = database.prepare(select)
        try {
          let index = 0
          for (const row of statement.iterate() as IterableIterator<Row>) {
            const properties: Row = {}
            for (const name of fields) {
              const value = row[name]
              if (!(value instanceof Uint8Array)) properties[name] = propertyValue(value)
            }
            const blob = row[chosen.column]
            const decoded = blob instanceof Uint8Array ? decodeGeoPackageGeometry(blob) : { problem: 'no geometry' }
            const geometry = 'geometry' in decoded ? decoded.geometry : null
            const feature = { type: 'Feature', geometry, properties }
            yield 'problem' in decoded ? { index: index++, feature, problem: decoded.problem } : { index: index++, feature }
          }
        } catch (err) {
          throw asFileError(err)
        } finally {
          statement.finalize()
        }
      },
      async close() {
        if (database.isOpen) database.close()
      },
    }
  } catch (err) {
    db.close()
    throw asFileError(err)
  }
}
