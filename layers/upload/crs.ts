/**
 * Naming the coordinate system of an uploaded file against PostGIS's EPSG catalogue, so that
 * PostGIS (`ST_Transform`, PROJ underneath, as in GDAL) can bring its coordinates to WGS 84.
 * A `.prj` rarely carries an EPSG code: GDAL, ArcGIS and QGIS write ESRI-style WKT with names
 * only, so such a WKT is matched by its datum and projection parameters.
 */
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import {
  findByAuthority,
  findGeographic,
  findSpatialRef,
  findTransverseMercator,
  type SpatialRefRow,
} from './crs.queries.ts'
import type { DeclaredCrs } from './upload-source.ts'

/** A WKT node: its keyword, its quoted and numeric values, and its child nodes, in order. */
interface WktNode {
  keyword: string
  values: Array<string | number>
  children: WktNode[]
}

/** Parses WKT1 or WKT2 into a tree; undefined for text that is not WKT. */
function parseWkt(text: string): WktNode | undefined {
  let i = 0
  const skipSpace = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++
  }
  const node = (): WktNode | undefined => {
    skipSpace()
    const keyword = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))?.[0]
    if (!keyword) return undefined
    i += keyword.length
    skipSpace()
    const result: WktNode = { keyword: keyword.toUpperCase(), values: [], children: [] }
    const open = text[i]
    if (open !== '[' && open !== '(') return result
    const close = open === '[' ? ']' : ')'
    i++
    for (;;) {
      skipSpace()
      const c = text[i]
      if (c === undefined) return undefined
      if (c === close) {
        i++
        return result
      }
      if (c === ',') {
        i++
        continue
      }
      if (c === '"') {
        const end = text.indexOf('"', i + 1)
        if (end < 0) return undefined
        result.values.push(text.slice(i + 1, end))
        i = end + 1
      } else if (/[-+.0-9]/.test(c)) {
        const number = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(i))?.[0]
        if (!number) return undefined
        result.values.push(Number(number))
        i += number.length
      } else {
        const child = node()
        if (!child) return undefined
        // A bare word (an AXIS direction such as NORTH) is a value, not a node.
        if (child.children.length === 0 && child.values.length === 0) result.values.push(child.keyword)
        else result.children.push(child)
      }
    }
  }
  const root = node()
  skipSpace()
  return root && i === text.length ? root : undefined
}

const child = (n: WktNode, ...keywords: string[]) => n.children.find((c) => keywords.includes(c.keyword))

/** The EPSG code a CRS node names for itself (`AUTHORITY["EPSG","6384"]`, `ID["EPSG",6384]`), not a nested datum's. */
function ownEpsgCode(n: WktNode): number | undefined {
  const id = child(n, 'AUTHORITY', 'ID')
  if (!id || String(id.values[0]).toUpperCase() !== 'EPSG') return undefined
  const code = Number(id.values[1])
  return Number.isInteger(code) && code > 0 ? code : undefined
}

/** ESRI datum names start with `D_`; both sides are compared as lower-case letters and digits. */
function datumKey(name: string): string {
  return name.replace(/^D_/i, '').toLowerCase().replace(/[^a-z0-9]/g, '')
}

/** ESRI names for datums whose EPSG catalogue name differs beyond punctuation. */
const DATUM_ALIASES: Record<string, string> = {
  ucs2000: 'ukraine2000',
  pulkovo1942: 'pulkovo1942',
  wgs84: 'wgs1984',
}

/** Words of a CRS name, so ESRI's `Ukraine_2000_TM_Zone_10` can be compared with EPSG's `UCS-2000 / Ukraine TM zone 10`. */
function nameWords(name: string): Set<string> {
  return new Set(name.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean))
}

/** The name a catalogue row gives itself in its WKT: `UCS-2000 / Ukraine TM zone 10`. */
function srtextName(srtext: string): string | undefined {
  return /^[A-Z_]+\["([^"]+)"/.exec(srtext)?.[1]
}

/**
 * Picks among catalogue rows that all fit the file's parameters: the one whose name shares most
 * words with the file's name. Rows that tie are only a choice when they define the same system
 * (same PROJ text, e.g. a code and its deprecated twin); otherwise nothing is guessed.
 */
function bestByName(rows: SpatialRefRow[], name: string): SpatialRefRow | undefined {
  if (rows.length <= 1) return rows[0]
  const words = nameWords(name)
  const score = (r: SpatialRefRow) => [...nameWords(srtextName(r.srtext) ?? '')].filter((w) => words.has(w)).length
  const best = Math.max(...rows.map(score))
  const top = rows.filter((r) => score(r) === best)
  const definitions = new Set(top.map((r) => r.proj4text.trim()))
  return definitions.size === 1 ? top[0] : undefined
}

const parameter = (n: WktNode, name: string): number | undefined => {
  const p = n.children.find((c) => c.keyword === 'PARAMETER' && String(c.values[0]).toLowerCase() === name)
  return typeof p?.values[1] === 'number' ? p.values[1] : undefined
}

/** Matches a WKT with no usable EPSG code by its datum and (for Transverse Mercator) parameters. */
async function matchByParameters(db: Kysely<DB>, root: WktNode): Promise<SpatialRefRow | undefined> {
  const name = String(root.values[0] ?? '')
  const geogcs = root.keyword === 'GEOGCS' ? root : child(root, 'GEOGCS')
  const datum = geogcs && child(geogcs, 'DATUM')
  if (!datum || typeof datum.values[0] !== 'string') return undefined
  const key = datumKey(datum.values[0])
  const datumKeyInCatalogue = DATUM_ALIASES[key] ?? key
  const primeMeridian = child(geogcs, 'PRIMEM')?.values[1]
  if (primeMeridian !== undefined && primeMeridian !== 0) return undefined
  if (root.keyword === 'GEOGCS') return bestByName(await findGeographic(db, datumKeyInCatalogue), name)
  if (root.keyword !== 'PROJCS') return undefined
  const method = String(child(root, 'PROJECTION')?.values[0] ?? '').toLowerCase()
  if (method !== 'transverse_mercator' && method !== 'gauss_kruger') return undefined
  // Only metres: a system in feet or chains would put every coordinate in the wrong place.
  const unit = child(root, 'UNIT')?.values[1]
  if (unit !== undefined && unit !== 1) return undefined
  const rows = await findTransverseMercator(db, {
    datumKey: datumKeyInCatalogue,
    centralMeridian: parameter(root, 'central_meridian') ?? 0,
    falseEasting: parameter(root, 'false_easting') ?? 0,
    falseNorthing: parameter(root, 'false_northing') ?? 0,
    scaleFactor: parameter(root, 'scale_factor') ?? 1,
    latitudeOfOrigin: parameter(root, 'latitude_of_origin') ?? 0,
  })
  return bestByName(rows, name)
}

const named = (row: SpatialRefRow) => ({ srid: row.srid, name: srtextName(row.srtext) ?? `EPSG:${row.srid}` })

/**
 * The catalogue system a file declares: its SRID when PostGIS knows it; else the EPSG code its
 * WKT gives the system itself; else the one system whose datum and projection parameters are
 * those of the WKT. Undefined when nothing fits, several different systems fit, or the WKT is garbage.
 */
export async function identifyCrs(db: Kysely<DB>, declared: DeclaredCrs): Promise<{ srid: number; name: string } | undefined> {
  if (declared.srid !== undefined && Number.isInteger(declared.srid) && declared.srid > 0) {
    const row = await findSpatialRef(db, declared.srid)
    if (row) return named(row)
  }
  if (!declared.wkt) return undefined
  const root = parseWkt(declared.wkt.trim())
  if (!root) return undefined
  const code = ownEpsgCode(root)
  if (code !== undefined) {
    const row = await findByAuthority(db, 'EPSG', code)
    if (row) return named(row)
  }
  const row = await matchByParameters(db, root)
  return row && named(row)
}

/** The name of a catalogue system from its WKT, e.g. "UCS-2000 / Ukraine TM zone 10". */
export async function crsName(db: Kysely<DB>, srid: number): Promise<string | undefined> {
  const row = await findSpatialRef(db, srid)
  return row && srtextName(row.srtext)
}

/** Northings of Ukraine (44°–52.5° N) in any Transverse Mercator system, with a margin. */
const UKRAINE_NORTHINGS = [4_800_000, 5_900_000] as const

/**
 * EPSG codes that could explain projected coordinates found in Ukraine, from the numbers alone,
 * most likely first; empty for longitude/latitude or numbers no Ukrainian system gives. A
 * Gauss-Kruger easting starts with its zone number (5 500 000 ± … is zone 5); six-digit
 * eastings belong to the UCS-2000 TM zones, the UCS-2000 GK CM systems or UTM 35–37N.
 */
export function suggestCrs(rawBbox: [number, number, number, number]): number[] {
  const [minX, minY, maxX, maxY] = rawBbox
  if (![minX, minY, maxX, maxY].every(Number.isFinite)) return []
  if (minX >= -180 && maxX <= 180 && minY >= -90 && maxY <= 90) return []
  if (minY < UKRAINE_NORTHINGS[0] || maxY > UKRAINE_NORTHINGS[1]) return []
  const zone = Math.floor(minX / 1_000_000)
  if (zone >= 4 && zone <= 7 && Math.floor(maxX / 1_000_000) === zone) {
    return [5558 + zone, 28400 + zone] // UCS-2000 / Gauss-Kruger zone N, Pulkovo 1942 / Gauss-Kruger zone N
  }
  const codes: number[] = []
  // UCS-2000 / Ukraine TM zones 7–13: 300 km false easting, 3° wide (±~110 km at these latitudes,
  // more for data that runs over its zone's edge).
  if (minX >= 100_000 && maxX <= 500_000) codes.push(6381, 6382, 6383, 6384, 6385, 6386, 6387)
  // WGS 84 / UTM 35N–37N and UCS-2000 / Gauss-Kruger CM 27E, 33E, 39E, 21E: 500 km false easting.
  if (minX >= 166_000 && maxX <= 834_000) codes.push(32635, 32636, 32637, 5567, 5568, 5569, 5566)
  return codes
}
