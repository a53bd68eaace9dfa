import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
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

/**
 * The public map page. `web/` is the Vite root; the build lands in `dist/web`, which the API
 * serves from the same origin, so the app only ever requests relative URLs.
 */
export default defineConfig({
  root: 'web',
  plugins: [react(), mapGlyphs()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // maplibre-gl is ~1.1 MB minified on its own: a chunk of its own keeps the app chunk small and
    // lets browsers keep it cached across app releases. The limit is raised for that one chunk.
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // The API contract is plain definitions: the app keeps the schemas it parses with and drops
      // the rest (the route descriptions the OpenAPI document is made of).
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]api[\\/]contract[\\/]/.test(id) },
      output: {
        // The MapLibre worker is an ES module emitted as an asset; a `.js` name gets it served as
        // JavaScript by servers whose MIME table has no `.mjs` (module workers require that).
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith('.mjs')) ? 'assets/[name]-[hash].js' : 'assets/[name]-[hash][extname]',
        codeSplitting: { groups: [{ name: 'maplibre-gl', test: /node_modules[\\/]maplibre-gl[\\/]/ }] },
      },
    },
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
})
