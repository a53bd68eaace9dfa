import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'

const PGBIN = '/usr/lib/postgresql/15/bin'

/** A PostgreSQL cluster in a temporary folder, for one benchmark run. */
export interface ThrowawayCluster {
  url: string
  stop(): void
}

/**
 * Starts a fresh PostgreSQL 15 cluster (Debian's binaries) on `port` with fsync off, as the
 * `postgres` user when running as root. Returns undefined when PostgreSQL is not installed.
 */
export function startThrowawayCluster(port = 54339): ThrowawayCluster | undefined {
  if (!existsSync(join(PGBIN, 'initdb'))) return undefined
  const dir = mkdtempSync('/tmp/hromada-bench-pg-')
  const asRoot = userInfo().uid === 0
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0)
  const run = (cmd: string, args: string[]) => {
    const r = asRoot ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', [cmd, ...args.map((a) => `'${a}'`)].join(' ')]) : spawnSync(cmd, args)
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString()}`)
  }
  run(join(PGBIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB -c max_connections=100`
  run(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  const r = spawnSync('psql', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-qc', 'CREATE DATABASE hromada_bench'])
  if (r.status !== 0) throw new Error(`createdb failed: ${r.stderr.toString()}`)
  return {
    url: `postgres://postgres@127.0.0.1:${port}/hromada_bench`,
    stop: () => run(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', 'stop']),
  }
}
