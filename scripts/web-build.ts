import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
/** Where the built map page lives; the server serves it from there. */
export const WEB_DIST = join(ROOT, 'dist', 'web')

function newestChange(dir: string): number {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'e2e' || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs)
  }
  return newest
}

/**
 * Builds the web app with Vite when `dist/web` is missing or older than a file under `web/`
 * (or the Vite config). Returns whether it built. Vite is loaded only then, so a production
 * install without dev dependencies runs from a prebuilt `dist/web`.
 */
export async function buildWebIfStale(log: (line: string) => void): Promise<boolean> {
  const index = join(WEB_DIST, 'index.html')
  const sources = Math.max(newestChange(join(ROOT, 'web')), statSync(join(ROOT, 'vite.config.ts')).mtimeMs)
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return false
  log('building the web app (vite build)…')
  const started = Date.now()
  const { build } = await import('vite')
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' })
  log(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return true
}
