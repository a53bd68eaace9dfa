/**
 * The register importer from end to end: the file read, each line checked, placed by its
 * cadastral number or its address, and all lines written in one transaction, with a report of
 * what could not be placed, what was refused and which columns were not understood.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../../db/index.ts'
import { findCity } from '../../../layers/index.ts'
import { addressKey } from './address-key.ts'
import { PropertyImportError } from './import-error.ts'
import { mapColumns, type RegisterField } from './register-columns.ts'
import { findParcels, listAddressPoints, listCityOrganisations, type AddressPoint, type GeometryHex, type PlacedLine, upsertRegisterLines } from './register-import.queries.ts'
import { readRegisterLine, type LineRejection, type RegisterLine } from './register-line.ts'
import { readRegisterTable } from './register-table.ts'

/** What an import did. */
export interface PropertyImportReport {
  /** Lines read after the header, blank lines aside. */
  lines: number
  /** Lines inserted or updated. */
  written: number
  placedByCadastre: number
  placedByAddress: number
  /** Lines written without a place. */
  unplaced: Array<{ line: number; registerId: string; reason: string }>
  /** Lines not written, with the field at fault. */
  rejected: LineRejection[]
  /** Headers that name no known column, as the file writes them. */
  unknownColumns: string[]
  warnings: string[]
}

/** The register file of a city, as uploaded or read from disk. */
export interface PropertyImportInput {
  cityId: string
  fileName: string
  bytes: Uint8Array
}

/** Why a line has no place; joined with `; ` when both ways failed. */
export type UnplacedReason = 'no cadastral match' | 'no address match' | 'ambiguous address' | 'no cadastral number or address'

/** Address points further apart than this under one address are different places. */
const SAME_PLACE_METRES = 100
const MAX_WARNINGS = 1000

/**
 * Imports a CMU No 835 register file (CSV or XLSX) into the city's `property_objects`, all lines
 * or none. A line is placed by its cadastral number (the parcel's shape for land, a point on it
 * for premises), else by an exact match of street and house number against the city's address
 * points; a line placed nowhere is written without a place and listed in `unplaced`. Invalid
 * lines are listed in `rejected` and not written. A private user or lessee is stored as a person
 * without a name. Lines already imported (same register id) are updated.
 * Throws `PropertyImportError` for an unknown city and for a file it cannot or will not read.
 */
export async function importPropertyRegister(db: Kysely<DB>, input: PropertyImportInput): Promise<PropertyImportReport> {
  const city = await findCity(db, input.cityId)
  if (!city) throw new PropertyImportError(`There is no city "${input.cityId}".`)
  const table = await readRegisterTable(input.fileName, input.bytes)
  const { columns, unknown, duplicates } = mapColumns(table.header)
  if (columns.cadastralNumber === undefined && columns.inventoryNumber === undefined && columns.registerId === undefined) {
    throw new PropertyImportError(
      `The file has no column that identifies an object (a cadastral number, an inventory number or a register id). Its columns: ${table.header.join(', ').slice(0, 500)}.`,
    )
  }

  const report: PropertyImportReport = { lines: table.rows.length, written: 0, placedByCadastre: 0, placedByAddress: 0, unplaced: [], rejected: [], unknownColumns: unknown, warnings: [] }
  const warnings: string[] = duplicates.map((header) => `column "${header}" repeats a field of an earlier column and is ignored`)
  const lines: RegisterLine[] = []
  const firstLineOf = new Map<string, number>()
  for (const row of table.rows) {
    const reading = readRegisterLine(row.line, row.cells, columns)
    warnings.push(...reading.warnings)
    if (!reading.ok) {
      report.rejected.push(...reading.rejections)
      continue
    }
    const earlier = firstLineOf.get(reading.value.registerId)
    if (earlier !== undefined) {
      report.rejected.push({ line: row.line, field: 'register_id', message: `register id ${reading.value.registerId} is already on line ${earlier}` })
      continue
    }
    firstLineOf.set(reading.value.registerId, row.line)
    lines.push(reading.value)
  }

  const cityNames = [city.name.uk, city.name.en].filter((name): name is string => typeof name === 'string' && name !== '')
  const parcels = await findParcels(db, city.id, [...new Set(lines.flatMap((line) => line.cadastralNumber ?? []))])
  const addresses = lines.some((line) => line.address && !(line.cadastralNumber && parcels.has(line.cadastralNumber)))
    ? indexAddresses(await listAddressPoints(db, city.id), cityNames)
    : new Map<string, AddressPoint[]>()
  const holders = new Map((await listCityOrganisations(db, city.id)).map((org) => [foldName(org.name), org.id]))

  const placed: PlacedLine[] = lines.map((line) => {
    const balanceHolderId = line.holderName ? (holders.get(foldName(line.holderName)) ?? null) : null
    const parcel = line.cadastralNumber ? parcels.get(line.cadastralNumber) : undefined
    if (parcel) {
      report.placedByCadastre++
      return { ...line, balanceHolderId, geom: parcel, pointOnSurface: line.kind !== 'land' }
    }
    const found = line.address ? findAddress(addresses, line.address, cityNames) : undefined
    if (found && 'geom' in found) {
      report.placedByAddress++
      return { ...line, balanceHolderId, geom: found.geom, pointOnSurface: false }
    }
    const reasons: UnplacedReason[] = []
    if (line.cadastralNumber) reasons.push('no cadastral match')
    if (line.address) reasons.push(found?.reason ?? 'no address match')
    report.unplaced.push({ line: line.line, registerId: line.registerId, reason: reasons.length > 0 ? reasons.join('; ') : 'no cadastral number or address' })
    return { ...line, balanceHolderId, geom: null, pointOnSurface: false }
  })

  const fields = new Set((Object.keys(columns) as RegisterField[]).filter((f) => columns[f] !== undefined))
  report.written = await db.transaction().execute((trx) => upsertRegisterLines(trx, city.id, placed, fields))
  report.warnings = warnings.length > MAX_WARNINGS ? [...warnings.slice(0, MAX_WARNINGS), `… and ${warnings.length - MAX_WARNINGS} more warnings`] : warnings
  return report
}

/** Organisation names compared as people read them: case and spacing aside. */
const foldName = (name: string) => name.normalize('NFC').toLocaleLowerCase('uk').replace(/\s+/g, ' ').trim()

function indexAddresses(points: readonly AddressPoint[], cityNames: readonly string[]): Map<string, AddressPoint[]> {
  const index = new Map<string, AddressPoint[]>()
  for (const point of points) {
    const key = addressKey(point.label, cityNames)
    if (key === undefined) continue
    const list = index.get(key)
    if (list) list.push(point)
    else index.set(key, [point])
  }
  return index
}

/** The address point of `address`, or why there is none: no point under its key, or points far apart. */
function findAddress(index: Map<string, AddressPoint[]>, address: string, cityNames: readonly string[]): { geom: GeometryHex } | { reason: UnplacedReason } {
  const key = addressKey(address, cityNames)
  const points = key === undefined ? undefined : index.get(key)
  if (!points || points.length === 0) return { reason: 'no address match' }
  const [first] = points
  const apart = points.some((point) => metresBetween(first!, point) > SAME_PLACE_METRES)
  return apart ? { reason: 'ambiguous address' } : { geom: first!.geom }
}

/** Distance on the sphere between two lon/lat points; plenty for telling 100 m from a street away. */
function metresBetween(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const rad = Math.PI / 180
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad)
  const y = (b.lat - a.lat) * rad
  return Math.hypot(x, y) * 6_371_000
}
