import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { PostgisTileSource, TileService, type TileLayerInfo } from '../../tiles/index.ts'
import { writeTileScripts } from './pgbench.ts'
import { benchRequestSets } from './tile-list.ts'

let database: Database
let source: PostgisTileSource
const infos = new Map<string, TileLayerInfo>()

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db, { encoder: 'postgis', cacheBytes: 0 })
  source = tiles.source as PostgisTileSource
  for (const id of ['kyiv-districts', 'kyiv-land-parcels', 'kyiv-metro-stations', 'kyiv-alcohol-licenses', 'kyiv-appeals']) infos.set(id, (await tiles.layer(id))!)
})
afterAll(() => database.close())

describe('the pgbench replay', () => {
  it('sends exactly the server\'s statement for each layer of a tile, bound to the same values', () => {
    const request = benchRequestSets()['z14 composite']![0]!
    const scripts = writeTileScripts(source, (id) => infos.get(id)!, [request])
    const lines = readFileSync(scripts.files[0]!, 'utf8').trim().split('\n')
    expect(lines.slice(0, 2)).toEqual([`\\set x ${request.tile.x}`, `\\set y ${request.tile.y}`])
    const variables = new Map(scripts.variables.map((d) => [d.slice(0, d.indexOf('=')), d.slice(d.indexOf('=') + 1)]))
    expect(lines.slice(2)).toHaveLength(request.layers.length)
    request.layers.forEach((id, i) => {
      const statement = source.statement(infos.get(id)!, request.tile.z)
      let k = 2
      const values: unknown[] = []
      const text = lines[2 + i]!.slice(0, -1).replace(/:(x|y|s\d+)\b/g, (_, name: string) => {
        if (name === 'x') return '$1'
        if (name === 'y') return '$2'
        values.push(variables.get(name))
        return `$${++k}`
      })
      expect(text).toBe(statement.text.replace(/\s+/g, ' ').trim())
      expect(values).toEqual(statement.layerValues)
    })
  })
})
