import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { PostgisTileSource, TileService, type TileLayerInfo } from '../../tiles/index.ts'
import { steadyRate, writeTileScripts } from './pgbench.ts'
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

/** The tile a script picks for each value of `i`, read back from its `\set` commands. */
function tilesPicked(lines: string[]): Array<{ x: number; y: number }> {
  const sets = new Map(lines.filter((l) => l.startsWith('\\set ')).map((l) => [l.split(' ')[1]!, l.slice(l.indexOf(' ', 5) + 1)]))
  const valueOf = (expression: string, i: number) => {
    if (/^\d+$/.test(expression)) return Number(expression)
    const chosen = new RegExp(`WHEN :i = ${i} THEN (\\d+)`).exec(expression) ?? / ELSE (\d+) END$/.exec(expression)
    return Number(chosen![1])
  }
  const count = sets.has('i') ? Number(/^random\(0, (\d+)\)$/.exec(sets.get('i')!)![1]) + 1 : 1
  return Array.from({ length: count }, (_, i) => ({ x: valueOf(sets.get('x')!, i), y: valueOf(sets.get('y')!, i) }))
}

/** A script's statement with its string variables written in, to compare scripts that named them differently. */
function resolved(statement: string, variables: string[]): string {
  const values = new Map(variables.map((d) => [d.slice(0, d.indexOf('=')), d.slice(d.indexOf('=') + 1)]))
  return statement.replace(/:(s\d+)\b/g, (_, name: string) => `'${values.get(name)}'`)
}

describe('the pgbench replay', () => {
  it("sends exactly the server's statement for each layer of a tile, bound to the same values", () => {
    const request = benchRequestSets()['z14 composite']![0]!
    const scripts = writeTileScripts(source, (id) => infos.get(id)!, [request])
    const lines = readFileSync(scripts.files[0]!.path, 'utf8').trim().split('\n')
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

  it('replays every tile of a set once per its share: one script per statement, weighted by its tiles', () => {
    const requests = benchRequestSets().z14!
    const scripts = writeTileScripts(source, (id) => infos.get(id)!, requests)
    // One statement per layer at one zoom: five layers, five scripts (and five prepared plans per connection).
    expect(scripts.files).toHaveLength(new Set(requests.map((r) => r.layers.join())).size)
    expect(scripts.files.reduce((sum, f) => sum + f.weight, 0)).toBe(requests.length)
    const replayed = scripts.files.flatMap((f) => {
      const lines = readFileSync(f.path, 'utf8').trim().split('\n')
      const picked = tilesPicked(lines)
      expect(picked).toHaveLength(f.weight)
      const statement = resolved(lines.at(-1)!, scripts.variables)
      return picked.map(({ x, y }) => `${statement} @ ${x}/${y}`)
    })
    const expected = requests.map((r) => {
      const alone = writeTileScripts(source, (id) => infos.get(id)!, [r])
      const lines = readFileSync(alone.files[0]!.path, 'utf8').trim().split('\n')
      return `${resolved(lines.at(-1)!, alone.variables)} @ ${r.tile.x}/${r.tile.y}`
    })
    expect(replayed.sort()).toEqual(expected.sort())
  })
})

describe('steadyRate', () => {
  it('leaves out the first second, when every new connection prepares its statements', () => {
    // As pgbench 15 prints them with -P 1.
    const progress = [
      'progress: 1.0 s, 604.9 tps, lat 11.336 ms stddev 26.316, 0 failed',
      'progress: 2.0 s, 4000.0 tps, lat 2.000 ms stddev 2.831, 0 failed',
      'progress: 3.0 s, 2000.0 tps, lat 4.000 ms stddev 2.105, 0 failed',
    ].join('\n')
    const rate = steadyRate(`pgbench (15.18)\n${progress}\n`)!
    expect(rate.tps).toBe(3000)
    // 4000 transactions at 2 ms and 2000 at 4 ms.
    expect(rate.latencyMs).toBeCloseTo(8 / 3, 6)
  })

  it('gives nothing for a run too short to leave a second out, or for no progress at all', () => {
    expect(steadyRate('progress: 1.0 s, 604.9 tps, lat 11.336 ms stddev 26.316, 0 failed\n')).toBeUndefined()
    expect(steadyRate('pgbench: error: connection to server failed')).toBeUndefined()
  })
})
