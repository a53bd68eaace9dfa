import { type FileHandle, open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { LayerSpecification, StyleSpecification } from '@maplibre/maplibre-gl-style-spec'
import { layers as protomapsLayers, namedFlavor } from '@protomaps/basemaps'
import { PMTiles, type RangeResponse, type Source, TileType } from 'pmtiles'
import { LABEL_FONT, layersOverAnotherBasemap } from './style.ts'

/**
 * A region's basemap as one PMTiles archive of the Protomaps schema (a Protomaps build cut to
 * the region with `pmtiles extract`), on this server's disk: its tiles served from our origin,
 * drawn with the `@protomaps/basemaps` style in the visitor's language.
 */
export interface PmtilesBasemap {
  file: string
  /** The name the archive is served under: `/basemap.pmtiles`. */
  name: string
  size: number
  /** Changes with the file: its size and time, for caches and range requests. */
  etag: string
  modified: Date
  minZoom: number
  maxZoom: number
  bounds: [number, number, number, number]
  vectorLayers: string[]
  attribution: string
  /** One tile, decompressed; undefined where the archive has none. */
  tile(z: number, x: number, y: number): Promise<Uint8Array | undefined>
  close(): Promise<void>
}

/** The archive cannot be served as a basemap; the message says why, for the operator. */
export class PmtilesBasemapError extends Error {}

/** The layers a Protomaps basemap has; an archive without them is drawn by nothing we have. */
const PROTOMAPS_LAYERS = ['earth', 'roads', 'water']

/** Reads byte ranges of a file on disk for the PMTiles reader. */
class DiskSource implements Source {
  constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
  ) {}

  getKey(): string {
    return this.path
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const buffer = Buffer.alloc(length)
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset)
    return { data: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + bytesRead) }
  }
}

/** Opens a PMTiles archive and checks that it is a vector basemap of the Protomaps schema. */
export async function openPmtilesBasemap(file: string): Promise<PmtilesBasemap> {
  const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
    throw new PmtilesBasemapError(`cannot read the basemap archive ${file}: ${err.code === 'ENOENT' ? 'there is no such file' : err.message}`)
  })
  const handle = await open(file, 'r')
  try {
    const archive = new PMTiles(new DiskSource(file, handle))
    const header = await archive.getHeader().catch((err: Error) => {
      throw new PmtilesBasemapError(`${file} is not a PMTiles archive (${err.message})`)
    })
    if (header.specVersion !== 3) throw new PmtilesBasemapError(`${file} is PMTiles version ${header.specVersion}; version 3 is read`)
    if (header.tileType !== TileType.Mvt) throw new PmtilesBasemapError(`${file} holds ${TileType[header.tileType] ?? 'unknown'} tiles, not vector tiles: it is not a basemap to draw with a style`)
    const metadata = ((await archive.getMetadata().catch(() => ({}))) ?? {}) as { vector_layers?: Array<{ id?: unknown }>; attribution?: unknown }
    const vectorLayers = (metadata.vector_layers ?? []).map((l) => String(l.id))
    const missing = PROTOMAPS_LAYERS.filter((l) => !vectorLayers.includes(l))
    if (missing.length) throw new PmtilesBasemapError(`${file} is not a Protomaps basemap: it has no ${missing.join(', ')} layer (its layers: ${vectorLayers.join(', ') || 'none'})`)
    return {
      file,
      name: basename(file),
      size: info.size,
      etag: `"${info.size.toString(36)}-${Math.floor(info.mtimeMs).toString(36)}"`,
      modified: info.mtime,
      minZoom: header.minZoom,
      maxZoom: header.maxZoom,
      bounds: [header.minLon, header.minLat, header.maxLon, header.maxLat],
      vectorLayers,
      attribution: typeof metadata.attribution === 'string' && metadata.attribution ? metadata.attribution : '© OpenStreetMap contributors',
      async tile(z, x, y) {
        const found = await archive.getZxy(z, x, y)
        return found ? new Uint8Array(found.data) : undefined
      },
      close: () => handle.close(),
    }
  } catch (err) {
    await handle.close()
    throw err
  }
}

const SOURCE = 'basemap:protomaps'

/**
 * The city's style over the PMTiles basemap: the Protomaps light style in the visitor's language
 * (Ukrainian by default; icons left out, as the archive has no sprite, and every label in the
 * font the style's `glyphs` serve from our origin) over the layers the archive has, then the city's layers without its
 * background and its `-osm-` layers.
 */
export function overPmtilesBasemap(style: StyleSpecification, archive: Pick<PmtilesBasemap, 'vectorLayers' | 'attribution'>, tileJsonUrl: string, lang: 'uk' | 'en' = 'uk'): StyleSpecification {
  const basemap = (protomapsLayers(SOURCE, namedFlavor('light'), { lang }) as LayerSpecification[])
    .filter((l) => !(l.type === 'symbol' && l.layout?.['icon-image'] !== undefined))
    // An archive cut without some of the schema's layers draws the rest (MapLibre refuses a style naming a missing one).
    .filter((l) => !('source-layer' in l) || archive.vectorLayers.includes(String(l['source-layer'])))
    .map((l) => (l.type === 'symbol' ? ({ ...l, id: `basemap:${l.id}`, layout: { ...l.layout, 'text-font': LABEL_FONT } } as LayerSpecification) : ({ ...l, id: `basemap:${l.id}` } as LayerSpecification)))
  return {
    ...style,
    sources: { [SOURCE]: { type: 'vector', url: tileJsonUrl, attribution: archive.attribution }, ...style.sources },
    layers: [...basemap, ...layersOverAnotherBasemap(style)],
  }
}
