import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

/** Where the API listens during development; `/api`, `/tiles` and `/styles` are proxied to it. */
const API_ORIGIN = process.env.HROMADA_API_ORIGIN ?? 'http://127.0.0.1:8787'

const apiProxy = {
  '/api': API_ORIGIN,
  '/tiles': API_ORIGIN,
  '/styles': API_ORIGIN,
}

/**
 * The public map page. `web/` is the Vite root; the build lands in `dist/web`, which the API
 * serves from the same origin, so the app only ever requests relative URLs.
 */
export default defineConfig({
  root: 'web',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // maplibre-gl alone is ~1 MB minified; one chunk for it keeps the app chunk small and cacheable.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: apiProxy },
  preview: { proxy: apiProxy },
})
