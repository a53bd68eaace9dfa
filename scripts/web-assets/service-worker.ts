import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

/**
 * Bundles the service worker (`web/offline/service-worker.ts`) into `dir/sw.js` with the app
 * shell it keeps on the device. Its build id is a digest of the shell's file names, which are
 * hashed: a release that changes any of them installs a new worker, which drops the old shell.
 */
export async function writeServiceWorker(root: string, dir: string, shell: readonly string[]): Promise<string> {
  const buildId = createHash('sha256').update(shell.join('\n')).update(readFileSync(join(root, 'web/offline/service-worker.ts'))).digest('hex').slice(0, 12)
  await build({
    entryPoints: [join(root, 'web/offline/service-worker.ts')],
    outfile: join(dir, 'sw.js'),
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    define: { __APP_SHELL__: JSON.stringify(shell), __BUILD_ID__: JSON.stringify(buildId) },
    logLevel: 'warning',
  })
  return buildId
}
