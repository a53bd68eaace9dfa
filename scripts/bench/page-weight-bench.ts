/**
 * The map page on a phone's first visit: the JavaScript it transfers (compressed, as sent) and
 * the time from navigation to the first map render and to the first complete view, on a cold
 * browser cache, against a simple peer: MapLibre alone drawing the same style (the least any
 * MapLibre app sends and waits for). The server runs as `npm start` runs it, on a throwaway
 * PostgreSQL 15 cluster with the demo data.
 */
import { appendFileSync, readFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { brotliCompressSync, constants } from 'node:zlib'
import { sql } from 'kysely'
import { loadDemoData } from '../../api/demo/index.ts'
import { openDatabase } from '../../db/index.ts'
import { launchBrowser, type Page } from '../browser/index.ts'
import { ROOT, startScript, stopProcess, waitFor } from './processes.ts'
import { startThrowawayCluster } from './throwaway-cluster.ts'

const PORTS = { port: 54373, server: 8845 }
/** The goals the map page is held to on this machine. */
export const PAGE_BUDGET = { jsKB: 450, firstRenderMs: 1500 }
const PHONE = { width: 390, height: 844 }
const CITY = 'kyiv'

/** One cold load: what it transferred and when the map first drew. */
export interface PageLoad {
  jsBytes: number
  /** The same without MapLibre's worker, which runs beside the page: what the page itself runs. */
  pageJsBytes: number
  /** JavaScript by file, bytes as transferred, largest first. */
  scripts: Array<{ name: string; bytes: number }>
  allBytes: number
  firstRenderMs: number
  idleMs: number
}

/** Loads `url` in a fresh context (nothing cached) and measures it; `ready` resolves once the map's marks are set. */
async function coldLoad(openPage: () => Promise<{ page: Page }>, url: string): Promise<PageLoad> {
  const { page } = await openPage()
  const sizes: Array<Promise<{ url: string; bytes: number; script: boolean }>> = []
  page.context().on('requestfinished', (request) => {
    const response = request.sizes().then((s) => ({
      url: request.url(),
      bytes: s.responseBodySize + s.responseHeadersSize,
      script: request.resourceType() === 'script' || /\.m?js(\?|$)/.test(new URL(request.url()).pathname),
    }))
    sizes.push(response.catch(() => ({ url: request.url(), bytes: 0, script: false })))
  })
  await page.goto(url, { waitUntil: 'load' })
  // No functions inside: tsx would name them with a helper the page does not have.
  const marks = await page.waitForFunction(
    () => {
      const first = performance.getEntriesByName('map:first-render')[0]
      const idle = performance.getEntriesByName('map:idle')[0]
      return first && idle ? { first: first.startTime, idle: idle.startTime } : undefined
    },
    undefined,
    { timeout: 60_000 },
  )
  const { first, idle } = (await marks.jsonValue()) as { first: number; idle: number }
  // Let the last responses of the view finish counting.
  await page.waitForTimeout(300)
  const transferred = await Promise.all(sizes)
  await page.context().close()
  const scripts = transferred.filter((t) => t.script).map((t) => ({ name: new URL(t.url).pathname.replace(/^.*\//, '').replace(/-[\w-]{8}\.js$/, '.js'), bytes: t.bytes }))
  return {
    jsBytes: scripts.reduce((sum, s) => sum + s.bytes, 0),
    pageJsBytes: scripts.filter((s) => !isWorker(s.name)).reduce((sum, s) => sum + s.bytes, 0),
    scripts: scripts.sort((a, b) => b.bytes - a.bytes),
    allBytes: transferred.reduce((sum, t) => sum + t.bytes, 0),
    firstRenderMs: first,
    idleMs: idle,
  }
}

/**
 * The peer: a page that is MapLibre and nothing else, drawing the city's style, served through
 * the browser's request routing. Routed answers skip the network, so the peer's scripts count
 * at their brotli size, as the build compresses ours.
 */
function peerPage(origin: string): { html: string; scripts: Record<string, { body: Buffer; brotliBytes: number }> } {
  const dist = join(ROOT, 'node_modules/maplibre-gl/dist')
  const script = (file: string) => {
    const body = readFileSync(join(dist, file))
    return { body, brotliBytes: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length }
  }
  const html = `<!doctype html><html><head><meta name="viewport" content="width=device-width"><link rel="stylesheet" href="/peer/maplibre-gl.css"></head>
<body style="margin:0"><div id="map" style="position:absolute;inset:0"></div><script type="module">
import { Map, setWorkerUrl } from '/peer/maplibre-gl.mjs'
setWorkerUrl('/peer/maplibre-gl-worker.mjs')
const map = new Map({ container: 'map', style: '${origin}/styles/${CITY}.json', center: [30.52, 50.45], zoom: 11 })
map.once('load', () => { performance.mark('map:first-render'); map.once('idle', () => performance.mark('map:idle')) })
</script></body></html>`
  return { html, scripts: { 'maplibre-gl.mjs': script('maplibre-gl.mjs'), 'maplibre-gl-worker.mjs': script('maplibre-gl-worker.mjs') } }
}

const isWorker = (name: string) => /^maplibre-gl-worker/.test(name)
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const kb = (bytes: number) => (bytes / 1024).toFixed(0)

/** Measures `runs` cold loads of our map page and of the peer; returns (and prints) the report. */
export async function runPageWeightBenchmark(o: { runs: number; record: boolean; note?: string | undefined }): Promise<string | undefined> {
  const log = (line: string) => console.error(`[bench] ${line}`)
  const cluster = startThrowawayCluster(PORTS.port)
  if (!cluster) return undefined
  const origin = `http://127.0.0.1:${PORTS.server}`
  let server: ReturnType<typeof startScript> | undefined
  try {
    const database = await openDatabase({ databaseUrl: cluster.url, poolSize: 2, log })
    await loadDemoData(database.db, log)
    await sql`VACUUM ANALYZE`.execute(database.db)
    await database.close()
    server = startScript('scripts/start.mjs', { DATABASE_URL: cluster.url, PORT: String(PORTS.server), HROMADA_DEMO: '0', PUBLIC_URL: origin })
    await waitFor(`${origin}/api/health`, 300)
    const browser = await launchBrowser(origin)
    const peer = peerPage(origin)
    const openOurs = () => browser.openPage(PHONE)
    const openPeer = async () => {
      const opened = await browser.openPage(PHONE)
      await opened.page.context().route(`${origin}/peer/**`, (route) => {
        const name = new URL(route.request().url()).pathname.replace('/peer/', '')
        if (name === 'index.html') return route.fulfill({ body: peer.html, contentType: 'text/html' })
        if (name === 'maplibre-gl.css') return route.fulfill({ path: join(ROOT, 'node_modules/maplibre-gl/dist/maplibre-gl.css'), contentType: 'text/css' })
        return route.fulfill({ body: peer.scripts[name]?.body ?? '', contentType: 'text/javascript' })
      })
      return opened
    }
    const peerLoad = async () => {
      const load = await coldLoad(openPeer, `${origin}/peer/index.html`)
      const scripts = Object.entries(peer.scripts).map(([name, s]) => ({ name, bytes: s.brotliBytes }))
      const routed = load.scripts.filter((s) => s.name in peer.scripts).reduce((sum, s) => sum + s.bytes, 0)
      const sum = (list: typeof scripts) => list.reduce((total, s) => total + s.bytes, 0)
      return { ...load, scripts, jsBytes: sum(scripts), pageJsBytes: sum(scripts.filter((s) => !isWorker(s.name))), allBytes: load.allBytes - routed + scripts.reduce((sum, s) => sum + s.bytes, 0) }
    }
    const ours: PageLoad[] = []
    const peers: PageLoad[] = []
    // Alternating, so that a slow moment of the machine falls on both.
    for (let run = 0; run < o.runs; run++) {
      ours.push(await coldLoad(openOurs, `${origin}/?city=${CITY}`))
      peers.push(await peerLoad())
      log(`run ${run + 1}: ours ${kb(ours.at(-1)!.jsBytes)} KB JS, first render ${ours.at(-1)!.firstRenderMs.toFixed(0)} ms; peer ${kb(peers.at(-1)!.jsBytes)} KB, ${peers.at(-1)!.firstRenderMs.toFixed(0)} ms`)
    }
    await browser.close()
    const report = formatPageWeightReport(ours, peers, o.note)
    console.log(report)
    if (o.record) appendFileSync(join(ROOT, 'docs/benchmarks.md'), `\n${report}\n`)
    return report
  } finally {
    if (server) await stopProcess(server)
    cluster.stop()
  }
}

/** The Markdown section of a run for docs/benchmarks.md. */
export function formatPageWeightReport(ours: PageLoad[], peers: PageLoad[], note?: string, when = new Date()): string {
  const row = (target: string, loads: PageLoad[]) => {
    const js = median(loads.map((l) => l.jsBytes))
    const pageJs = median(loads.map((l) => l.pageJsBytes))
    const first = median(loads.map((l) => l.firstRenderMs))
    const idle = median(loads.map((l) => l.idleMs))
    const all = median(loads.map((l) => l.allBytes))
    return { target, js, pageJs, first, idle, all, line: `| ${target} | ${kb(pageJs)} | ${kb(js)} | ${first.toFixed(0)} | ${idle.toFixed(0)} | ${kb(all)} |` }
  }
  const a = row(`ours: \`/?city=${CITY}\``, ours)
  const b = row('peer: MapLibre alone, the same style', peers)
  const typical = ours[Math.floor(ours.length / 2)]!
  return [
    `## Map page weight, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    '',
    `Machine: ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; headless Chromium (SwiftShader WebGL) at ${PHONE.width}×${PHONE.height}, a fresh context for each load (nothing cached), over loopback; the server as \`npm start\` runs it, on a throwaway PostgreSQL 15 cluster with the demo data. ` +
      `${ours.length} cold loads of each, alternating; medians. Bytes as transferred (compressed), headers included. First render: MapLibre's \`load\` event (the first complete render of the style); complete view: its first \`idle\`, both from navigation start. ` +
      (note ?? ''),
    '',
    '| page | JS KB, the page | JS KB, with MapLibre\'s worker | first render ms | complete view ms | all KB |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    a.line,
    b.line,
    '',
    `Ours against the goals: the page's JS ${kb(a.pageJs)} KB of ${PAGE_BUDGET.jsKB} KB (${(a.pageJs / 1024 / PAGE_BUDGET.jsKB).toFixed(2)}; with MapLibre's worker ${kb(a.js)} KB, ${(a.js / 1024 / PAGE_BUDGET.jsKB).toFixed(2)}), first render ${a.first.toFixed(0)} ms of ${PAGE_BUDGET.firstRenderMs} ms (${(a.first / PAGE_BUDGET.firstRenderMs).toFixed(2)}). ` +
      `Ours / peer: JS ${(a.js / b.js).toFixed(2)} (the page's own ${(a.pageJs / b.pageJs).toFixed(2)}), first render ${(a.first / b.first).toFixed(2)}.`,
    '',
    `The scripts of one load: ${typical.scripts.map((s) => `${s.name} ${kb(s.bytes)} KB`).join(', ')}.`,
  ].join('\n')
}
