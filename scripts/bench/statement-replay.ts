/**
 * pgbench as the limit of an API route: the statements a module sends for a request, caught
 * from Kysely's query log, replayed by pgbench with the same values, and timed one by one.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { APP_SESSION_OPTIONS, type DB } from '../../db/index.ts'
import { steadyRate } from './pgbench.ts'

/** One statement as the server sent it: its text with `$n` placeholders and the values bound. */
export interface SentStatement {
  sql: string
  parameters: readonly unknown[]
}

/**
 * The statements `request` sends, caught by Kysely's query log on a pool of its own. It runs
 * twice and the second run is kept, so caches the first fills (an index built on first use)
 * are warm as in the measured requests, and the replay follows the module's SQL as it changes.
 */
export async function statementsOf(url: string, request: (db: Kysely<DB>) => Promise<unknown>): Promise<SentStatement[]> {
  const sent: SentStatement[] = []
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 8, options: APP_SESSION_OPTIONS }) }),
    log: (event) => {
      if (event.level === 'query') sent.push({ sql: event.query.sql, parameters: event.query.parameters })
    },
  })
  try {
    await request(db)
    sent.length = 0
    await request(db)
    return [...sent]
  } finally {
    await db.destroy()
  }
}

/** A bound value as pgbench's `-D` passes it: text, as node-pg sends every parameter (arrays as array literals). */
function asText(value: unknown): string {
  if (Array.isArray(value)) return `{${value.map((v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`).join(',')}}`
  if (value === null || value === undefined) throw new Error('pgbench cannot bind a NULL through -D')
  return String(value)
}

/** pgbench scripts and the `-D` variables they read. */
export interface ReplayScripts {
  files: string[]
  variables: string[]
}

/**
 * One pgbench script per request, each running the request's statements one after another
 * with its values as `-D` variables (`:q<request>p<statement>_<n>`), picked with equal weights
 * as the load generator goes round the requests.
 */
export function writeReplayScripts(name: string, requests: SentStatement[][]): ReplayScripts {
  const dir = mkdtempSync(join(tmpdir(), `hromada-pgbench-${name}-`))
  const variables: string[] = []
  const files = requests.map((statements, q) => {
    const body = statements.map((s, i) => {
      s.parameters.forEach((value, n) => variables.push(`q${q}p${i}_${n + 1}=${asText(value)}`))
      return `${s.sql.replace(/\$(\d+)/g, (_, n: string) => `:q${q}p${i}_${n}`).replace(/\s+/g, ' ').trim()};`
    })
    const path = join(dir, `${name}-${q}.sql`)
    writeFileSync(path, `${body.join('\n')}\n`)
    return path
  })
  return { files, variables }
}

/** pgbench (`-M extended`, as node-pg sends unnamed statements) over the scripts for `seconds` after its first. */
export function runPgbenchReplay(url: string, scripts: ReplayScripts, clients: number, seconds: number, cpus?: string): { tps: number; latencyMs: number } {
  const args = ['-n', '-Mextended', '-P1', `-c${clients}`, `-j${Math.min(clients, 2)}`, `-T${seconds + 1}`, ...scripts.variables.flatMap((d) => ['-D', d]), ...scripts.files.flatMap((f) => ['-f', `${f}@1`]), url]
  // The sessions the server's pool opens, with the same settings.
  const options = { encoding: 'utf8' as const, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PGOPTIONS: APP_SESSION_OPTIONS } }
  const run = cpus ? spawnSync('taskset', ['-c', cpus, 'pgbench', ...args], options) : spawnSync('pgbench', args, options)
  const rate = run.status === 0 ? steadyRate(run.stderr) : undefined
  if (!rate) throw new Error(`pgbench failed: ${run.stderr || run.stdout}`)
  return rate
}

/** Mean ms of each statement (its first 100 characters) for each request, in the order of the requests. */
export type StatementTimes = Map<string, number[]>

/**
 * How long each statement of each request takes alone on an idle database (the mean of 5 runs
 * after one), by statement (its first words) and request: where a request's time goes.
 */
export async function timeStatements(url: string, requests: SentStatement[][]): Promise<StatementTimes> {
  const client = new pg.Client({ connectionString: url, options: APP_SESSION_OPTIONS })
  await client.connect()
  try {
    const times: StatementTimes = new Map()
    for (const [q, statements] of requests.entries()) {
      for (const s of statements) {
        await client.query(s.sql, [...s.parameters])
        const started = performance.now()
        for (let i = 0; i < 5; i++) await client.query(s.sql, [...s.parameters])
        const key = s.sql.replace(/\s+/g, ' ').trim().slice(0, 100)
        const row = times.get(key) ?? Array.from({ length: requests.length }, () => Number.NaN)
        row[q] = (performance.now() - started) / 5
        times.set(key, row)
      }
    }
    return times
  } finally {
    await client.end()
  }
}
