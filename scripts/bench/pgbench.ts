import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { postgisTileQuery, type TileService } from '../../tiles/index.ts'
import type { BenchRequest } from './tile-list.ts'

/** A SQL literal for a bound parameter (numbers as they are, text quoted). */
function literal(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(17)
  return `'${String(value).replaceAll("'", "''")}'`
}

/**
 * One pgbench script per request, holding exactly the statements the tile server sends for that
 * tile (one per layer), with their parameters written in. Returns the script paths.
 */
export async function writeTileScripts(db: Kysely<DB>, tiles: TileService, requests: BenchRequest[]): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'hromada-pgbench-'))
  const files: string[] = []
  for (const [i, r] of requests.entries()) {
    const statements: string[] = []
    for (const id of r.layers) {
      const layer = await tiles.layer(id)
      if (!layer) throw new Error(`no layer ${id}`)
      const { sql, parameters } = postgisTileQuery(layer, r.tile).compile(db)
      const text = sql.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]))
      statements.push(`${text.replace(/\s+/g, ' ').trim()};`)
    }
    const file = join(dir, `tile-${i}.sql`)
    writeFileSync(file, `${statements.join('\n')}\n`)
    files.push(file)
  }
  return files
}

/** Replays the scripts (picked at random, equal weights) and returns transactions per second. */
export function runPgbench(url: string, files: string[], clients: number, seconds: number, mode: 'prepared' | 'simple'): { tps: number; latencyMs: number } {
  const args = ['-n', `-M${mode}`, `-c${clients}`, `-j${Math.min(clients, 2)}`, `-T${seconds}`, ...files.flatMap((f) => ['-f', f]), url]
  const run = spawnSync('pgbench', args, { encoding: 'utf8' })
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)
  const latency = /latency average = ([\d.]+) ms/.exec(run.stdout)
  if (!tps || run.status !== 0) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
  return { tps: Number(tps[1]), latencyMs: Number(latency?.[1] ?? Number.NaN) }
}
