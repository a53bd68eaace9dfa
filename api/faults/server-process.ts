/**
 * The server as production runs it (`scripts/start.mjs`), in a child process, for the fault
 * tests: an unhandled error there really ends the process, as it would in production.
 */
import { spawn, type ChildProcess } from 'node:child_process'

const ROOT = new URL('../..', import.meta.url).pathname

/** A server child process, the URL it serves on, and everything it printed so far. */
export interface ServerProcess {
  child: ChildProcess
  url: string
  /** stdout and stderr so far, for failure messages. */
  output(): string
  /** Resolves with the exit code (or signal) when the process ends; never rejects. */
  exited: Promise<number | string>
}

/**
 * Starts `npm start`'s entry with `env` over the test's environment (`PORT=0`, no web build,
 * no demo data, a placeholder `PUBLIC_URL`, unless `env` says otherwise) and resolves once it
 * prints `serving on <url>`. Rejects when it exits first or is not serving within two minutes.
 */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: { ...process.env, HROMADA_DEMO: '0', HROMADA_SKIP_BUILD: '1', PORT: '0', PUBLIC_URL: 'https://hromada.example', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  // The last part is enough to tell why a run failed, and a busy server logs every request.
  const append = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-200_000))
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 120_000)
    child.stdout!.on('data', (chunk: Buffer) => {
      const serving = /serving on /.test(output)
      append(chunk)
      const m = /serving on (http:\/\/[\d.:]+)/.exec(output)
      if (m && !serving) {
        clearTimeout(timer)
        resolve({ child, url: m[1]!, output: () => output, exited })
      }
    })
    child.stderr!.on('data', append)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`server exited (${code}):\n${output}`))
    })
  })
}
