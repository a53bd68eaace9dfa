/**
 * Walks every public layer at every zoom from its minzoom to 16 over its bounds (the densest
 * tiles where there are too many) and prints the largest raw tile. Exits 1 when any tile is
 * over the limit (500 KB by default).
 *
 *   npm run tile-sizes [-- --limit-kb 500 --tiles-per-zoom 32 --layer kyiv-land-parcels]
 */
import { parseArgs } from 'node:util'
import { openDatabase } from '../db/index.ts'
import { surveyTileSizes, TileService } from '../tiles/index.ts'

const { values } = parseArgs({
  options: {
    'limit-kb': { type: 'string', default: '500' },
    'tiles-per-zoom': { type: 'string', default: '32' },
    layer: { type: 'string', multiple: true },
  },
})
const limit = Number(values['limit-kb']) * 1000
const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.HROMADA_DATA_DIR ?? './.data',
  log: (l) => console.error(l),
})
try {
  const tiles = await TileService.create(database.db, { cacheBytes: 0 })
  const layers = await database.db.selectFrom('layers').select(['id', 'bbox']).where('is_public', '=', true).orderBy('id').execute()
  let worst = { layer: '', z: 0, bytes: 0, tile: '' }
  console.log(`encoder: ${tiles.source.encoder}; limit ${limit / 1000} KB`)
  for (const row of layers) {
    if (values.layer && !values.layer.includes(row.id)) continue
    const info = await tiles.layer(row.id)
    if (!info) continue
    const samples = await surveyTileSizes(database.db, tiles.source, { ...info, bbox: row.bbox }, Number(values['tiles-per-zoom']))
    const top = samples.reduce((a, s) => ((s.largest?.bytes ?? 0) > (a.largest?.bytes ?? 0) ? s : a), samples[0]!)
    const bytes = top?.largest?.bytes ?? 0
    const where = top?.largest ? `${top.largest.tile.z}/${top.largest.tile.x}/${top.largest.tile.y}` : '-'
    console.log(`${row.id.padEnd(34)} largest ${(bytes / 1000).toFixed(1).padStart(7)} KB at ${where}  (z${info.minzoom}–16, ${samples.reduce((n, s) => n + s.tiles, 0)} tiles cut)`)
    if (bytes > worst.bytes) worst = { layer: row.id, z: top!.z, bytes, tile: where }
  }
  console.log(`largest tile of all: ${(worst.bytes / 1000).toFixed(1)} KB (${worst.layer} ${worst.tile}) — ${worst.bytes <= limit ? 'within' : 'OVER'} the ${limit / 1000} KB limit`)
  process.exitCode = worst.bytes <= limit ? 0 : 1
} finally {
  await database.close()
}
