import { lonLatToTile, type TileCoord } from '../../tiles/index.ts'

/** One tile request of the benchmark. */
export interface BenchRequest {
  /** One layer, or several for a composite tile. */
  layers: string[]
  tile: TileCoord
  /** The server path, e.g. `/tiles/kyiv-land-parcels/14/9580/5523.mvt`. */
  path: string
}

/** Where people look at Kyiv: the centre, the left bank, the west and the south. */
const KYIV_VIEWS: Array<[number, number]> = [
  [30.5234, 50.4501],
  [30.6115, 50.4423],
  [30.4372, 50.4655],
  [30.5181, 50.3996],
]
/** The layers a Kyiv map view asks for. */
export const BENCH_LAYERS = ['kyiv-land-parcels', 'kyiv-districts', 'kyiv-metro-stations', 'kyiv-alcohol-licenses', 'kyiv-appeals']

/** The API reads a map page makes besides tiles: appeal lists and feature lists in a viewport. */
export function hotPathRequests(): Record<string, string[]> {
  const boxes = KYIV_VIEWS.map(([lon, lat]) => [lon - 0.02, lat - 0.012, lon + 0.02, lat + 0.012].map((v) => v.toFixed(4)).join(','))
  return {
    'GET /api/appeals (filters, bbox)': boxes.flatMap((bbox) => [
      `/api/appeals?city=kyiv&bbox=${bbox}&limit=50`,
      `/api/appeals?city=kyiv&status=in_progress,assigned,new&bbox=${bbox}&limit=50`,
      `/api/appeals?city=kyiv&category=pothole,street-light&from=2026-01-01&bbox=${bbox}&limit=50`,
    ]),
    'GET /api/layers/{id}/features?bbox=': boxes.flatMap((bbox) => [
      `/api/layers/kyiv-alcohol-licenses/features?bbox=${bbox}&limit=100`,
      `/api/layers/kyiv-land-parcels/features?bbox=${bbox}&limit=100`,
    ]),
  }
}

/** A 5×4 viewport of tiles around a point: what one screen asks for at one zoom. */
export function viewport([lon, lat]: [number, number], z: number, cols = 5, rows = 4): TileCoord[] {
  const c = lonLatToTile(lon, lat, z)
  const tiles: TileCoord[] = []
  for (let dy = -Math.floor(rows / 2); dy < Math.ceil(rows / 2); dy++)
    for (let dx = -Math.floor(cols / 2); dx < Math.ceil(cols / 2); dx++) tiles.push({ z, x: c.x + dx, y: c.y + dy })
  return tiles
}

/** Every (layer, tile) of the Kyiv views at zoom z, without repeats. */
function requestsAt(z: number, layers: string[]): BenchRequest[] {
  const seen = new Set<string>()
  const out: BenchRequest[] = []
  for (const view of KYIV_VIEWS)
    for (const tile of viewport(view, z))
      for (const layer of layers) {
        const path = `/tiles/${layer}/${tile.z}/${tile.x}/${tile.y}.mvt`
        if (!seen.has(path)) seen.add(path), out.push({ layers: [layer], tile, path })
      }
  return out
}

/** Every n-th item so that at most `max` remain, spread over the whole list (deterministic). */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]!)
}

/**
 * The request sets of the benchmark: z14 and z16 (where the database-limit ratio is judged), a
 * mix of zooms 10–17 as a panning user produces, and z14 as composite tiles of all the layers. pgbench takes at most 128 scripts, so each
 * set keeps at most 120 requests.
 */
export function benchRequestSets(layers = BENCH_LAYERS): Record<string, BenchRequest[]> {
  const mixed = [10, 11, 12, 13, 14, 15, 16, 17].flatMap((z) => spread(requestsAt(z, layers), 15))
  const composite = KYIV_VIEWS.flatMap((view) => viewport(view, 14)).map((tile) => ({
    layers,
    tile,
    path: `/tiles/${layers.join(',')}/${tile.z}/${tile.x}/${tile.y}.mvt`,
  }))
  return {
    z14: spread(requestsAt(14, layers), 120),
    z16: spread(requestsAt(16, layers), 120),
    'z10-17': mixed,
    'z14 composite': composite,
  }
}
