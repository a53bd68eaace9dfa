/**
 * The service worker at `/sw.js`: keeps the app shell and the recently viewed map on the
 * device, so the map opens and an appeal can be written without a signal.
 *
 * - Pages: the network first; offline, the cached shell (every path of the app is one page).
 * - Hashed assets (`/assets/…`): from the cache once fetched; they never change.
 * - Tiles, styles, TileJSON and glyphs: the network first, the last copy offline; versioned
 *   (immutable) tiles straight from the cache. The tile cache keeps the most recent
 *   {@link TILE_LIMIT} answers.
 * - Public layer and city lists: the network first, the last copy offline.
 * - Everything else (sessions, accounts, appeals, the office): the network only, never stored.
 *
 * Built by the web build with the shell's file list and a build id (`__APP_SHELL__`,
 * `__BUILD_ID__`); each build is a new worker that drops the caches of the previous one.
 */

declare const __APP_SHELL__: readonly string[]
declare const __BUILD_ID__: string

// The few service-worker types used here (the project's DOM library has none of them).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  request: Request
  respondWith(response: Promise<Response> | Response): void
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  skipWaiting(): Promise<void>
  clients: { claim(): Promise<void> }
  location: Location
}
const worker = self as unknown as WorkerScope

const SHELL_CACHE = `shell-${__BUILD_ID__}`
const ASSET_CACHE = 'assets'
const MAP_CACHE = 'map'
const LISTS_CACHE = 'lists'
const KNOWN_CACHES = new Set([SHELL_CACHE, ASSET_CACHE, MAP_CACHE, LISTS_CACHE])
/** How many tile, style and glyph answers the map cache keeps, the oldest dropped first. */
const TILE_LIMIT = 1500

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL_CACHE)
      // Through the browser's HTTP cache: what the page has just loaded is not downloaded twice.
      .then((cache) => cache.addAll(__APP_SHELL__))
      .then(() => worker.skipWaiting()),
  )
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => !KNOWN_CACHES.has(name)).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  )
})

worker.addEventListener('fetch', (event) => {
  const { request } = event
  if (request.method !== 'GET') return
  const url = new URL(request.url)
  if (url.origin !== worker.location.origin) return
  if (request.mode === 'navigate') return event.respondWith(page(request))
  if (url.pathname.startsWith('/assets/')) return event.respondWith(cacheFirst(request, ASSET_CACHE))
  if (/^\/(tiles|styles|fonts)\//.test(url.pathname)) return event.respondWith(mapAnswer(request))
  if (/^\/api\/(cities|layers)$/.test(url.pathname) || url.pathname === '/api/appeal-categories') return event.respondWith(networkFirst(request, LISTS_CACHE))
  if (__APP_SHELL__.includes(url.pathname)) return event.respondWith(cacheFirst(request, SHELL_CACHE))
})

/** A page: the network's answer, or offline the shell that renders every page of the app. */
async function page(request: Request): Promise<Response> {
  try {
    return await fetch(request)
  } catch (error) {
    const shell = await caches.match('/index.html', { cacheName: SHELL_CACHE })
    if (shell) return shell
    throw error
  }
}

/** Whether an answer may be kept on the device: a whole public answer, nothing private. */
function storable(response: Response): boolean {
  const control = response.headers.get('Cache-Control') ?? ''
  return response.status === 200 && !/no-store|private/.test(control)
}

async function cacheFirst(request: Request, cacheName: string): Promise<Response> {
  const cached = await caches.match(request, { cacheName })
  if (cached) return cached
  const response = await fetch(request)
  if (storable(response)) await (await caches.open(cacheName)).put(request, response.clone())
  return response
}

async function networkFirst(request: Request, cacheName: string): Promise<Response> {
  try {
    const response = await fetch(request)
    if (storable(response)) await (await caches.open(cacheName)).put(request, response.clone())
    return response
  } catch (error) {
    const cached = await caches.match(request, { cacheName })
    if (cached) return cached
    throw error
  }
}

/** Tiles, styles and glyphs: a versioned (immutable) answer from the cache, the rest from the network first. */
async function mapAnswer(request: Request): Promise<Response> {
  const cached = await caches.match(request, { cacheName: MAP_CACHE })
  if (cached && /immutable/.test(cached.headers.get('Cache-Control') ?? '')) return cached
  try {
    const response = await fetch(request)
    if (storable(response)) {
      const cache = await caches.open(MAP_CACHE)
      await cache.put(request, response.clone())
      void trim(cache, TILE_LIMIT)
    }
    return response
  } catch (error) {
    if (cached) return cached
    throw error
  }
}

/** Drops the oldest entries of `cache` beyond `limit` (a cache lists its entries in the order they were put). */
async function trim(cache: Cache, limit: number): Promise<void> {
  const keys = await cache.keys()
  await Promise.all(keys.slice(0, Math.max(0, keys.length - limit)).map((key) => cache.delete(key)))
}
