import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TILE_SESSION_OPTIONS } from '../../db/index.ts'
import { statementValues, type PostgisTileSource, type TileLayerInfo } from '../../tiles/index.ts'
import type { BenchRequest } from './tile-list.ts'

/** pgbench scripts replaying tile requests, and the string variables their statements bind. */
export interface TileScripts {
  /** Each script with its weight: how many of the requests it replays. */
  files: Array<{ path: string; weight: number }>
  /** `-D name=value` definitions: pgbench's `\set` takes numbers only. */
  variables: string[]
}

/**
 * pgbench scripts replaying tile requests with exactly the statements the tile server sends
 * (one per layer of a tile): the same prepared text, bound to the same values (`\set` for the
 * tile's x and y, `-D` variables for the layer's strings). Requests the server answers with
 * the same statements share one script that picks one of their tiles at random, weighted by
 * their number. pgbench prepares each script's statements once per connection and run, as the
 * server prepares each of its statements once per connection; with a script per tile the
 * limit would pay in every run for hundreds of plans the server made once.
 */
export function writeTileScripts(source: PostgisTileSource, layer: (id: string) => TileLayerInfo, requests: BenchRequest[]): TileScripts {
  const dir = mkdtempSync(join(tmpdir(), 'hromada-pgbench-'))
  const strings = new Map<string, string>()
  const variable = (value: unknown) => {
    if (typeof value === 'number') throw new Error('tile statements bind numbers only as the tile x and y')
    const text = String(value)
    if (!strings.has(text)) strings.set(text, `s${strings.size}`)
    return strings.get(text)!
  }
  const tilesOf = new Map<string, BenchRequest['tile'][]>()
  for (const r of requests) {
    const statements = r.layers.map((id) => {
      const statement = source.statement(layer(id), r.tile.z)
      const values = statementValues(statement, r.tile)
      const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => {
        const k = Number(n)
        return k === 1 ? ':x' : k === 2 ? ':y' : `:${variable(values[k - 1])}`
      })
      return `${text.replace(/\s+/g, ' ').trim()};`
    })
    const body = statements.join('\n')
    tilesOf.set(body, [...(tilesOf.get(body) ?? []), r.tile])
  }
  const files = [...tilesOf].map(([body, tiles], i) => {
    const path = join(dir, `tiles-${i}.sql`)
    writeFileSync(path, `${[...pickTile(tiles), body].join('\n')}\n`)
    return { path, weight: tiles.length }
  })
  return { files, variables: [...strings].map(([value, name]) => `${name}=${value}`) }
}

/** pgbench commands setting `x` and `y` to one of the tiles, picked at random (`CASE` only has the searched form). */
function pickTile(tiles: BenchRequest['tile'][]): string[] {
  if (tiles.length === 1) return [`\\set x ${tiles[0]!.x}`, `\\set y ${tiles[0]!.y}`]
  const choose = (of: (t: BenchRequest['tile']) => number) =>
    `CASE ${tiles
      .slice(0, -1)
      .map((t, i) => `WHEN :i = ${i} THEN ${of(t)}`)
      .join(' ')} ELSE ${of(tiles.at(-1)!)} END`
  return [`\\set i random(0, ${tiles.length - 1})`, `\\set x ${choose((t) => t.x)}`, `\\set y ${choose((t) => t.y)}`]
}

/**
 * The rate of a pgbench run from its progress lines (`-P 1`), leaving out the first second:
 * pgbench opens new connections, and each prepares its statements on first use, which took
 * most of that second (measured, 8 clients: the z14 set 1,822 tiles/s in the first second
 * against 4,150 after, the mixed set 605 against 4,150), while the server's connections
 * prepared theirs long before its turn. Undefined when there are not two seconds to go by.
 */
export function steadyRate(progress: string): { tps: number; latencyMs: number } | undefined {
  const seconds = [...progress.matchAll(/^progress: [\d.]+ s, ([\d.]+) tps, lat ([\d.]+) ms/gm)].slice(1)
  if (seconds.length === 0) return undefined
  const tps = seconds.reduce((sum, m) => sum + Number(m[1]), 0) / seconds.length
  // Each second's latency weighted by the transactions it averaged.
  const latencyMs = seconds.reduce((sum, m) => sum + Number(m[1]) * Number(m[2]), 0) / Math.max(1e-9, tps * seconds.length)
  return { tps, latencyMs }
}

/**
 * Replays the scripts (picked at random by their weights) on the given CPUs for a second more
 * than `seconds`, and returns the transactions per second after the first (see {@link steadyRate}).
 */
export function runPgbench(url: string, scripts: TileScripts, clients: number, seconds: number, cpus?: string): { tps: number; latencyMs: number } {
  const args = ['-n', '-Mprepared', '-P1', `-c${clients}`, `-j${Math.min(clients, 2)}`, `-T${seconds + 1}`, ...scripts.variables.flatMap((d) => ['-D', d]), ...scripts.files.flatMap((f) => ['-f', `${f.path}@${f.weight}`]), url]
  // The same session settings as the server's tile connections.
  const env = { ...process.env, PGOPTIONS: TILE_SESSION_OPTIONS }
  const run = cpus ? spawnSync('taskset', ['-c', cpus, 'pgbench', ...args], { encoding: 'utf8', env }) : spawnSync('pgbench', args, { encoding: 'utf8', env })
  const rate = run.status === 0 ? steadyRate(run.stderr) : undefined
  if (!rate) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
  return rate
}
