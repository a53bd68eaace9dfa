import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { precompress, writeAppIcons, writeServiceWorker } from './scripts/web-assets/index.ts'
import { writeGlyphFiles } from './tiles/glyphs/index.ts'

/** Where the API listens during development; `/api`, `/tiles` and `/styles` are proxied to it. */
const API_ORIGIN = process.env.HROMADA_API_ORIGIN ?? 'http://127.0.0.1:8787'

// The API writes absolute URLs (style, TileJSON, tiles) from the request's origin; forwarding the
// dev server's host keeps those URLs on the dev server, so they go through this proxy too.
const toApi = { target: API_ORIGIN, changeOrigin: false, xfwd: true }
// Keys end in a slash: a prefix match on `/api` alone would also catch source modules like `/api-client/…`.
const apiProxy = { '/api/': toApi, '/tiles/': toApi, '/styles/': toApi, '/fonts/': toApi }

/**
 * Writes the map's label glyphs (`dist/fonts/{fontstack}/{start}-{end}.pbf`, drawn from the
 * Noto Sans files of @fontsource) beside the web app, which the server serves at `/fonts/…`.
 */
function mapGlyphs(): Plugin {
  return {
    name: 'hromada-map-glyphs',
    apply: 'build',
    closeBundle() {
      const started = Date.now()
      const written = writeGlyphFiles(fileURLToPath(new URL('./dist/fonts', import.meta.url)))
      const ranges = Object.values(written).reduce((a, b) => a + b, 0)
      this.info(`map glyphs: ${ranges} ranges in ${Date.now() - started} ms`)
    },
  }
}

const ROOT = fileURLToPath(new URL('.', import.meta.url))
const OUT_DIR = fileURLToPath(new URL('./dist/web', import.meta.url))

/**
 * Makes the built app installable and quick on a weak signal: its icons, the service worker
 * (`/sw.js`) with the app shell it keeps (the page, its scripts and styles, MapLibre's worker
 * and the fonts), then a brotli and a gzip copy of every text file,
 * which the server sends as they are.
 */
function installableApp(): Plugin {
  let shell: string[] = []
  return {
    name: 'hromada-installable-app',
    apply: 'build',
    // Ukrainian is the default language and every page's fallback: its catalogues are fetched
    // with the page's scripts instead of after them, which the first render waits for.
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const catalogues = Object.values(context.bundle ?? {}).filter((file) => file.type === 'chunk' && /[\\/]web[\\/]i18n[\\/](\w+\.)?uk\.json$/.test(file.facadeModuleId ?? ''))
        return catalogues.map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file.fileName}` }, injectTo: 'head' as const }))
      },
    },
    writeBundle(_options, bundle) {
      const html = Object.values(bundle).find((file) => file.fileName === 'index.html')
      const source = html && html.type === 'asset' ? String(html.source) : ''
      const linked = [...source.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
      // The page's other chunks (its language's catalogues, the pages opened) are kept as they are
      // used; precaching both languages would fetch one nobody asked for.
      const offline = Object.values(bundle)
        .filter((file) => /^assets\/(maplibre-gl-worker-.+\.js|.+\.woff2)$/.test(file.fileName))
        .map((file) => `/${file.fileName}`)
      shell = ['/index.html', '/manifest.webmanifest', '/favicon.svg', ...new Set([...linked, ...offline])]
    },
    async closeBundle() {
      const started = Date.now()
      const icons = await writeAppIcons(`${ROOT}web/public/favicon.svg`, OUT_DIR, '#1d4ed8')
      await writeServiceWorker(ROOT, OUT_DIR, [...shell, ...icons.filter((icon) => icon.includes('192'))])
      const { files, bytes, brotliBytes } = await precompress(OUT_DIR)
      this.info(`installable app: ${icons.length} icons, sw.js with ${shell.length} shell files, ${files} files precompressed (${(bytes / 1024).toFixed(0)} KB → ${(brotliBytes / 1024).toFixed(0)} KB brotli) in ${Date.now() - started} ms`)
    },
  }
}

/** The app's modules that do something when loaded (configure zod, point MapLibre at its worker). */
const LOADED_FOR_EFFECT = ['/web/zod-config.ts', '/web/map/use-map-instance.ts']

/**
 * The public map page. `web/` is the Vite root; the build lands in `dist/web`, which the API
 * serves from the same origin, so the app only ever requests relative URLs.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), mapGlyphs(), installableApp()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // maplibre-gl is ~1.1 MB minified on its own: a chunk of its own keeps the app chunk small and
    // lets browsers keep it cached across app releases. The limit is raised for that one chunk.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The app's own modules are plain definitions, so a page or a contract module that nothing
      // uses is dropped even when a module's face (`index.ts`) names it: the map page keeps no
      // office, dashboard or OpenAPI route descriptions. Style sheets and the few modules that
      // configure a library when loaded are kept wherever they are imported.
      treeshake: { moduleSideEffects: (id: string) => /node_modules|\.css$/.test(id) || LOADED_FOR_EFFECT.some((end) => id.endsWith(end)) },
      output: {
        // The MapLibre worker is an ES module emitted as an asset; a `.js` name gets it served as
        // JavaScript by servers whose MIME table has no `.mjs` (module workers require that).
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith('.mjs')) ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]',
        // zod decides whether it may compile a parser (`new Function`, which the page's CSP forbids)
        // when a schema is made, so its configuration runs in zod's own chunk, before any module
        // that makes a schema.
        codeSplitting: {
          groups: [
            { name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]|[\\/]web[\\/]zod-config\.ts$/ },
          ],
        },
      },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
})
