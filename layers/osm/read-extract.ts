import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { OSMTransform } from 'osm-pbf-parser-node'
import { NodeStore } from './node-store.ts'
import { type BasemapKind, classifyArea, classifyLine, classifyNode, isArea, isMultipolygon, type Tags } from './osm-tags.ts'

/** The file is not an extract this importer can read; the message says why, for the operator. */
export class ExtractError extends Error {}

type Position = [number, number]

interface OsmHeader {
  required_features?: string[]
}
interface OsmNode {
  type: 'node'
  id: number
  lon: number
  lat: number
  tags?: Tags
}
interface OsmWay {
  type: 'way'
  id: number
  refs: number[]
  tags?: Tags
}
interface OsmRelation {
  type: 'relation'
  id: number
  members: Array<{ type: 'node' | 'way' | 'relation'; ref: number; role: string }>
  tags?: Tags
}
type OsmItem = OsmHeader | OsmNode | OsmWay | OsmRelation

/** A basemap feature read from the extract, as GeoJSON geometry in WGS 84. */
export interface ExtractFeature {
  kind: BasemapKind
  properties: Record<string, string | number>
  geometry: { type: 'Point'; coordinates: Position } | { type: 'LineString' | 'MultiPoint'; coordinates: Position[] } | { type: 'Polygon' | 'MultiLineString'; coordinates: Position[][] }
  /** A multipolygon's member ways, which PostGIS assembles into rings (ST_BuildArea). */
  assemble?: boolean
}

/** What the reader saw: objects read, and objects left out with the reason. */
export interface ExtractTally {
  nodes: number
  ways: number
  relations: number
  skipped: Map<string, number>
}

// The features of the PBF format this reader understands (osmformat.proto's HeaderBlock).
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation'])

/** The objects of the file, in its order, after its header; an ExtractError when it is not a readable PBF. */
async function* readObjects(file: string): AsyncGenerator<OsmItem> {
  const size = await stat(file).then(
    (s) => s.size,
    (err: NodeJS.ErrnoException) => {
      throw new ExtractError(`cannot read the extract: ${err.code === 'ENOENT' ? 'there is no such file' : err.message}`)
    },
  )
  if (size === 0) throw new ExtractError('cannot read the extract: the file is empty')
  const source = createReadStream(file)
  const parser = new OSMTransform({ withTags: true, withInfo: false })
  source.on('error', (err) => parser.destroy(err))
  source.pipe(parser)
  let first = true
  try {
    for await (const batch of parser as AsyncIterable<OsmItem[]>) {
      for (const item of batch) {
        if (first) {
          first = false
          if ('type' in item) throw new ExtractError('the file has no OpenStreetMap header block')
          const unknown = (item.required_features ?? []).filter((f) => !SUPPORTED_FEATURES.has(f))
          if (unknown.length) throw new ExtractError(`the file needs features this reader lacks: ${unknown.join(', ')}`)
          continue
        }
        yield item
      }
    }
  } catch (err) {
    if (err instanceof ExtractError) throw err
    throw new ExtractError(`cannot read the extract: ${(err as Error).message}: it is truncated, corrupt or not an .osm.pbf file`)
  } finally {
    source.destroy()
    parser.destroy()
  }
  if (first) throw new ExtractError('cannot read the extract: it holds no OpenStreetMap block: it is not an .osm.pbf file')
}

/**
 * The basemap features of an OpenStreetMap PBF extract, read in two passes: the first reads
 * the whole file (so that a truncated or corrupt file is refused before anything is written)
 * and notes the ways that multipolygons are made of; the second draws nodes, ways and
 * multipolygons. Needs the file sorted by type and id, as extracts are.
 */
export async function* readExtract(file: string, tally: ExtractTally): AsyncGenerator<ExtractFeature> {
  const skip = (reason: string) => tally.skipped.set(reason, (tally.skipped.get(reason) ?? 0) + 1)
  const memberWays = new Set<number>()
  for await (const item of readObjects(file)) {
    if ('type' in item && item.type === 'relation' && item.tags && isMultipolygon(item.tags)) {
      for (const m of item.members) if (m.type === 'way') memberWays.add(m.ref)
    }
  }

  const nodes = new NodeStore()
  const members = new Map<number, Position[]>()
  for await (const item of readObjects(file)) {
    if (!('type' in item)) continue
    if (item.type === 'node') {
      tally.nodes++
      if (!nodes.add(item.id, item.lon, item.lat)) throw new ExtractError(`the extract is not sorted by id (node ${item.id}): sort it with \`osmium sort\``)
      const found = item.tags && classifyNode(item.tags)
      if (found) yield { ...found, geometry: { type: 'Point', coordinates: [item.lon, item.lat] } }
    } else if (item.type === 'way') {
      tally.ways++
      const coords: Position[] = []
      for (const ref of item.refs) {
        const at = nodes.get(ref)
        if (at) coords.push(at)
      }
      const whole = coords.length === item.refs.length
      if (memberWays.has(item.id) && whole) members.set(item.id, coords)
      if (!item.tags) continue
      const closed = item.refs.length >= 4 && item.refs[0] === item.refs.at(-1)
      const area = closed && isArea(item.tags) ? classifyArea(item.tags) : null
      if (area) {
        if (whole) yield { ...area, geometry: { type: 'Polygon', coordinates: [coords] } }
        else skip('an area cut by the edge of the extract')
        continue
      }
      const line = classifyLine(item.tags)
      if (!line) continue
      if (coords.length >= 2) yield { ...line, geometry: { type: 'LineString', coordinates: coords } }
      else skip('a line with fewer than two of its nodes in the extract')
    } else {
      tally.relations++
      if (!item.tags || !isMultipolygon(item.tags)) continue
      const area = classifyArea(item.tags)!
      const rings = item.members.filter((m) => m.type === 'way').map((m) => members.get(m.ref))
      if (rings.length === 0 || rings.some((r) => r === undefined)) {
        skip('a multipolygon with member ways outside the extract')
        continue
      }
      yield { ...area, geometry: { type: 'MultiLineString', coordinates: rings as Position[][] }, assemble: true }
    }
  }
}
