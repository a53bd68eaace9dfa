import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** True when `taskset` can pin processes to CPUs here. */
export function canPinCpus(): boolean {
  return !spawnSync('taskset', ['-c', '0', 'true']).error
}

/**
 * The Node options a package.json script runs an entry point with (`node <options> <script>`),
 * none when no script runs it: the benchmark runs the server as `npm start` does.
 */
export function nodeOptionsOf(script: string): string[] {
  const scripts = Object.values((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts)
  const words = scripts.map((command) => command.split(/\s+/)).find((w) => w[0] === 'node' && w.at(-1) === script)
  return words?.slice(1, -1) ?? []
}

/**
 * Starts an entry point, on the given CPUs (`"1"`, `"0,1"`) or anywhere: a `.mjs` file as it
 * is, with the Node options package.json gives it, a TypeScript one with tsx.
 */
export function startScript(script: string, env: Record<string, string | undefined>, cpus?: string): ChildProcess {
  const node = script.endsWith('.mjs') ? [process.execPath, ...nodeOptionsOf(script), script] : [process.execPath, '--import', 'tsx', script]
  const [command, ...args] = cpus ? ['taskset', '-c', cpus, ...node] : node
  const child = spawn(command!, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(`[${script}] ${d}`))
  // Drained, so that a server writing a log line per request never blocks on a full pipe.
  child.stdout?.resume()
  return child
}

/** Moves a running process (all its threads) to other CPUs. */
export function pinProcess(pid: number, cpus: string): void {
  const r = spawnSync('taskset', ['-a', '-p', '-c', cpus, String(pid)])
  if (r.status !== 0) throw new Error(`taskset failed for ${pid}: ${r.stderr.toString()}`)
}

/** Waits until `url` answers below 500 (and `ready` accepts the body, when given). */
export async function waitFor(url: string, seconds = 60, ready: (body: string) => boolean = () => true): Promise<void> {
  const deadline = Date.now() + seconds * 1000
  while (Date.now() < deadline) {
    const body = await fetch(url).then(
      async (r) => (r.status < 500 ? await r.text() : undefined),
      () => undefined,
    )
    if (body !== undefined && ready(body)) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} was not ready in ${seconds} s`)
}

/** Stops a child: SIGTERM, then SIGKILL after 5 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}
