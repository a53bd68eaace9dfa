/**
 * Writing FlatGeobuf (flatgeobuf.org) with the `flatgeobuf` package's encoders: the header, a
 * packed Hilbert R-tree over the features (so GDAL, QGIS and the JS reader fetch only the
 * features of a bbox, by HTTP ranges), then the features in the tree's order. The package's own
 * `serialize` writes no index and guesses column types from the first feature, so the file is
 * put together here from its parts, with the layer's typed columns, title and terms.
 */
import { open } from 'node:fs/promises'
import * as flatbuffers from 'flatbuffers'
import { generic } from 'flatgeobuf'
import type { ColumnMeta } from 'flatgeobuf'
import { Column } from 'flatgeobuf/lib/mjs/flat-geobuf/column.js'
import { Crs } from 'flatgeobuf/lib/mjs/flat-geobuf/crs.js'
import { Header } from 'flatgeobuf/lib/mjs/flat-geobuf/header.js'
import { buildFeature } from 'flatgeobuf/lib/mjs/generic/feature.js'
import { parseGeometry } from 'flatgeobuf/lib/mjs/geojson/geometry.js'
import { generateLevelBounds, NODE_ITEM_BYTE_LEN } from 'flatgeobuf/lib/mjs/packedrtree.js'
import type { AttributeType } from '../catalogue/index.ts'
import type { PublicFeature } from '../index.ts'
import { typedValue } from './attribute-values.ts'
import { type Bounds, conformedGeometry, type ExportGeometryType, geometryBounds } from './export-geometry.ts'
import { type ExportLayer, exportMetadata, exportNotice } from './export-metadata.ts'

const { ColumnType, GeometryType } = generic

/** FlatGeobuf's magic bytes: "fgb", spec version 3, "fgb", 0. */
const MAGIC = Uint8Array.from([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00])

/** Entries per node of the R-tree: the format's default, which GDAL writes too. */
const NODE_SIZE = 16

const COLUMN_TYPES: Record<AttributeType, number> = {
  string: ColumnType.String,
  integer: ColumnType.Long,
  number: ColumnType.Double,
  boolean: ColumnType.Bool,
  date: ColumnType.DateTime,
}

const GEOMETRY_TYPES: Record<ExportGeometryType, number> = {
  Point: GeometryType.Point,
  LineString: GeometryType.LineString,
  Polygon: GeometryType.Polygon,
  MultiPoint: GeometryType.MultiPoint,
  MultiLineString: GeometryType.MultiLineString,
  MultiPolygon: GeometryType.MultiPolygon,
  Geometry: GeometryType.Unknown,
}

/** One encoded feature and its box, kept until the tree decides the order. */
interface EncodedFeature {
  bounds: Bounds
  bytes: Uint8Array
  hilbert: number
}

function columnMeta(name: string, type: number): ColumnMeta {
  return { name, type, title: null, description: null, width: -1, precision: -1, scale: -1, nullable: true, unique: false, primary_key: false }
}

/** The columns: the feature id, then each public attribute with its type. */
function columnsOf(layer: ExportLayer): ColumnMeta[] {
  return [columnMeta('id', ColumnType.Long), ...layer.attributes.filter((a) => a.public).map((a) => columnMeta(a.name, COLUMN_TYPES[a.type]))]
}

function headerBytes(layer: ExportLayer, geometryType: ExportGeometryType, columns: ColumnMeta[], count: number, extent: Bounds | null): Uint8Array {
  const builder = new flatbuffers.Builder(1024)
  const columnOffsets = columns.map((c) => {
    const name = builder.createString(c.name)
    Column.startColumn(builder)
    Column.addName(builder, name)
    Column.addType(builder, c.type)
    Column.addNullable(builder, true)
    return Column.endColumn(builder)
  })
  const columnsVector = Header.createColumnsVector(builder, columnOffsets)
  const name = builder.createString(layer.id)
  const title = builder.createString(layer.title.uk)
  const description = builder.createString(`${layer.description.uk} ${exportNotice(layer)}`)
  const metadata = builder.createString(JSON.stringify(exportMetadata(layer)))
  const org = builder.createString('EPSG')
  const envelope = extent ? Header.createEnvelopeVector(builder, extent) : 0
  Crs.startCrs(builder)
  Crs.addOrg(builder, org)
  Crs.addCode(builder, 4326)
  const crs = Crs.endCrs(builder)
  Header.startHeader(builder)
  Header.addName(builder, name)
  if (envelope) Header.addEnvelope(builder, envelope)
  Header.addGeometryType(builder, GEOMETRY_TYPES[geometryType])
  Header.addColumns(builder, columnsVector)
  Header.addFeaturesCount(builder, BigInt(count))
  // No tree for an empty layer: the format has none of zero items.
  Header.addIndexNodeSize(builder, count > 0 ? NODE_SIZE : 0)
  Header.addCrs(builder, crs)
  Header.addTitle(builder, title)
  Header.addDescription(builder, description)
  Header.addMetadata(builder, metadata)
  builder.finishSizePrefixed(Header.endHeader(builder))
  return builder.asUint8Array()
}

/**
 * The position of (x, y) on a 16-bit Hilbert curve (the algorithm of "Fast Hilbert curve
 * generation" by rawrunprotected, as flatbush and the FlatGeobuf writers use it).
 */
function hilbert(x: number, y: number): number {
  let a = x ^ y
  let b = 0xffff ^ a
  let c = 0xffff ^ (x | y)
  let d = x & (y ^ 0xffff)
  let A = a | (b >> 1)
  let B = (a >> 1) ^ a
  let C = (c >> 1) ^ (b & (d >> 1)) ^ c
  let D = (a & (c >> 1)) ^ (d >> 1) ^ d
  ;[a, b, c, d] = [A, B, C, D]
  A = (a & (a >> 2)) ^ (b & (b >> 2))
  B = (a & (b >> 2)) ^ (b & ((a ^ b) >> 2))
  C ^= (a & (c >> 2)) ^ (b & (d >> 2))
  D ^= (b & (c >> 2)) ^ ((a ^ b) & (d >> 2))
  ;[a, b, c, d] = [A, B, C, D]
  A = (a & (a >> 4)) ^ (b & (b >> 4))
  B = (a & (b >> 4)) ^ (b & ((a ^ b) >> 4))
  C ^= (a & (c >> 4)) ^ (b & (d >> 4))
  D ^= (b & (c >> 4)) ^ ((a ^ b) & (d >> 4))
  ;[a, b, c, d] = [A, B, C, D]
  C ^= (a & (c >> 8)) ^ (b & (d >> 8))
  D ^= (b & (c >> 8)) ^ ((a ^ b) & (d >> 8))
  a = C ^ (C >> 1)
  b = D ^ (D >> 1)
  let i0 = x ^ y
  let i1 = b | (0xffff ^ (i0 | a))
  i0 = (i0 | (i0 << 8)) & 0x00ff00ff
  i0 = (i0 | (i0 << 4)) & 0x0f0f0f0f
  i0 = (i0 | (i0 << 2)) & 0x33333333
  i0 = (i0 | (i0 << 1)) & 0x55555555
  i1 = (i1 | (i1 << 8)) & 0x00ff00ff
  i1 = (i1 | (i1 << 4)) & 0x0f0f0f0f
  i1 = (i1 | (i1 << 2)) & 0x33333333
  i1 = (i1 | (i1 << 1)) & 0x55555555
  return ((i1 << 1) | i0) >>> 0
}

/**
 * The packed R-tree of the features (already in Hilbert order), as the format lays it out: the
 * root first, the leaves last; a leaf points at its feature's byte offset in the feature
 * section, a parent at the index of its first child.
 */
function packedRTree(features: ReadonlyArray<{ bounds: Bounds; size: number }>, nodeSize = NODE_SIZE): Uint8Array {
  const levels = generateLevelBounds(features.length, nodeSize)
  // The leaves come last, so their level ends at the total number of nodes.
  const total = levels[0]![1]
  const boxes = new Float64Array(total * 4).fill(NaN)
  const offsets = new Array<bigint>(total).fill(0n)
  let offset = 0
  const leafStart = levels[0]![0]
  features.forEach((f, i) => {
    boxes.set(f.bounds, (leafStart + i) * 4)
    offsets[leafStart + i] = BigInt(offset)
    offset += f.size
  })
  for (let level = 0; level < levels.length - 1; level++) {
    let [pos, end] = levels[level]!
    let parent = levels[level + 1]![0]
    while (pos < end) {
      offsets[parent] = BigInt(pos)
      let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity]
      for (let j = 0; j < nodeSize && pos < end; j++, pos++) {
        w = Math.min(w, boxes[pos * 4]!)
        s = Math.min(s, boxes[pos * 4 + 1]!)
        e = Math.max(e, boxes[pos * 4 + 2]!)
        n = Math.max(n, boxes[pos * 4 + 3]!)
      }
      boxes.set([w, s, e, n], parent * 4)
      parent++
    }
  }
  const bytes = new Uint8Array(total * NODE_ITEM_BYTE_LEN)
  const view = new DataView(bytes.buffer)
  for (let i = 0; i < total; i++) {
    const at = i * NODE_ITEM_BYTE_LEN
    for (let k = 0; k < 4; k++) view.setFloat64(at + k * 8, boxes[i * 4 + k]!, true)
    view.setBigUint64(at + 32, offsets[i]!, true)
  }
  return bytes
}

/**
 * Writes a layer's public features as FlatGeobuf at `path` (a new file), in the export geometry
 * type `geometryType`, with the spatial index, typed columns (`id` first) and the layer's title,
 * description, licence and attribution in the header. The encoded features are held in memory
 * until the tree is built (a few MB for the largest demo layer).
 */
export async function writeFlatGeobuf(path: string, layer: ExportLayer, geometryType: ExportGeometryType, features: AsyncIterable<PublicFeature>): Promise<void> {
  const columns = columnsOf(layer)
  const fields = layer.attributes.filter((a) => a.public)
  const encodeMeta = { columns } as Parameters<typeof buildFeature>[2]
  const encoded: EncodedFeature[] = []
  let extent: Bounds | null = null
  for await (const f of features) {
    const geometry = conformedGeometry(f.geometry, geometryType)
    const bounds = geometryBounds(geometry)
    if (!bounds || geometry.type === 'GeometryCollection') continue
    const properties = { id: f.id, ...Object.fromEntries(fields.map((a) => [a.name, typedValue(a.type, f.properties[a.name])])) }
    encoded.push({ bounds, bytes: buildFeature(parseGeometry(geometry), properties, encodeMeta), hilbert: 0 })
    extent = extent ? [Math.min(extent[0], bounds[0]), Math.min(extent[1], bounds[1]), Math.max(extent[2], bounds[2]), Math.max(extent[3], bounds[3])] : [...bounds]
  }
  if (extent) {
    const [w, s, e, n] = extent
    const scale = (v: number, lo: number, hi: number) => (hi > lo ? Math.floor((0xffff * (v - lo)) / (hi - lo)) : 0)
    for (const f of encoded) {
      f.hilbert = hilbert(scale((f.bounds[0] + f.bounds[2]) / 2, w, e), scale((f.bounds[1] + f.bounds[3]) / 2, s, n))
    }
    encoded.sort((a, b) => a.hilbert - b.hilbert)
  }
  const file = await open(path, 'wx')
  try {
    await file.write(MAGIC)
    await file.write(headerBytes(layer, geometryType, columns, encoded.length, extent))
    if (encoded.length > 0) await file.write(packedRTree(encoded.map((f) => ({ bounds: f.bounds, size: f.bytes.length }))))
    for (const f of encoded) await file.write(f.bytes)
  } finally {
    await file.close()
  }
}
