import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TILE_SESSION_OPTIONS } from '../../db/index.ts'
import { statementValues, type PostgisTileSource, type TileLayerInfo } from '../../tiles/index.ts'
import type { BenchRequest } from './tile-list.ts'

/** pgbench scripts replaying tile requests, and the string variables their statements bind. */
export interface TileScripts {
  files: string[]
  /** `-D name=value` definitions: pgbench's `\set` takes numbers only. */
  variables: string[]
}

/**
 * One pgbench script per request holding exactly the statements the tile server sends for
 * that tile (one per layer): the same prepared text, bound to the same values (`\set` for the
 * tile's x and y, `-D` variables for the layer's strings).
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
  const files = requests.map((r, i) => {
    const lines = [`\\set x ${r.tile.x}`, `\\set y ${r.tile.y}`]
    for (const id of r.layers) {
      const statement = source.statement(layer(id), r.tile.z)
      const values = statementValues(statement, r.tile)
      const text = statement.text.replace(/\$(\d+)/g, (_, n: string) => {
        const k = Number(n)
        return k === 1 ? ':x' : k === 2 ? ':y' : `:${variable(values[k - 1])}`
      })
      lines.push(`${text.replace(/\s+/g, ' ').trim()};`)
    }
    const file = join(dir, `tile-${i}.sql`)
    writeFileSync(file, `${lines.join('\n')}\n`)
    return file
  })
  return { files, variables: [...strings].map(([value, name]) => `${name}=${value}`) }
}

/** Replays the scripts (picked at random, equal weights) on the given CPUs and returns transactions per second. */
export function runPgbench(url: string, scripts: TileScripts, clients: number, seconds: number, cpus?: string): { tps: number; latencyMs: number } {
  const args = ['-n', '-Mprepared', `-c${clients}`, `-j${Math.min(clients, 2)}`, `-T${seconds}`, ...scripts.variables.flatMap((d) => ['-D', d]), ...scripts.files.flatMap((f) => ['-f', f]), url]
  // The same session settings as the server's tile connections.
  const env = { ...process.env, PGOPTIONS: TILE_SESSION_OPTIONS }
  const run = cpus ? spawnSync('taskset', ['-c', cpus, 'pgbench', ...args], { encoding: 'utf8', env }) : spawnSync('pgbench', args, { encoding: 'utf8', env })
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)
  const latency = /latency average = ([\d.]+) ms/.exec(run.stdout)
  if (!tps || run.status !== 0) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
  return { tps: Number(tps[1]), latencyMs: Number(latency?.[1] ?? Number.NaN) }
}
