import { execFileSync, spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { userInfo } from 'node:os'
import { join } from 'node:path'
import { pinProcess } from './processes.ts'

const PGBIN = '/usr/lib/postgresql/15/bin'

/** A PostgreSQL cluster in a temporary folder, for one benchmark run. */
export interface ThrowawayCluster {
  /** Over the cluster's unix socket, as a server on the same host connects. */
  url: string
  /** The folder that holds the cluster, its socket and its log. */
  dir: string
  /** Moves the server and every backend to other CPUs (new backends follow the postmaster). */
  pin(cpus: string): void
  /** Stops the server (`pg_ctl stop -m fast`: sessions are terminated, in-flight transactions roll back). */
  stop(): void
  /** Starts the stopped server again on the same port, with the same data. */
  start(): void
}

/**
 * Starts a fresh PostgreSQL 15 cluster (Debian's binaries) on `port` with fsync off, as the
 * `postgres` user when running as root, on the given CPUs (every backend inherits them).
 * Parallel query is off: a tile statement takes a millisecond, and starting workers for it
 * costs more than it saves (measured: the peer's z14 parcels tiles fell from 485 to 109/s).
 * Returns undefined when PostgreSQL is not installed.
 */
export function startThrowawayCluster(port = 54339, cpus?: string): ThrowawayCluster | undefined {
  if (!existsSync(join(PGBIN, 'initdb'))) return undefined
  const dir = mkdtempSync('/tmp/hromada-bench-pg-')
  const asRoot = userInfo().uid === 0
  if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0)
  const run = (cmd: string, args: string[]) => {
    const command = cpus ? ['taskset', '-c', cpus, cmd, ...args] : [cmd, ...args]
    const r = asRoot ? spawnSync('su', ['postgres', '-s', '/bin/sh', '-c', command.map((a) => `'${a}'`).join(' ')]) : spawnSync(command[0]!, command.slice(1))
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr?.toString()}`)
  }
  run(join(PGBIN, 'initdb'), ['-D', join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync'])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=512MB -c max_connections=100 -c max_parallel_workers_per_gather=0`
  const start = () => run(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-o', options, '-l', join(dir, 'log'), '-w', 'start'])
  start()
  const r = spawnSync('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-qc', 'CREATE DATABASE hromada_bench'])
  if (r.status !== 0) throw new Error(`createdb failed: ${r.stderr.toString()}`)
  let postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
  let running = true
  return {
    url: `postgres://postgres@/hromada_bench?host=${encodeURIComponent(dir)}&port=${port}`,
    dir,
    pin(to) {
      const children = spawnSync('pgrep', ['-P', String(postmaster)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
      for (const pid of [postmaster, ...children.map(Number)]) pinProcess(pid, to)
    },
    stop() {
      if (running) run(join(PGBIN, 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'fast', 'stop'])
      running = false
    },
    start() {
      if (running) return
      start()
      postmaster = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0])
      running = true
    },
  }
}
