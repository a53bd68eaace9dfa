/**
 * The HTML representation of `/ogc` (the "HTML" conformance class): plain pages a person can
 * browse and a search engine can read, every link of the JSON document shown, nothing run.
 */
import type { z } from 'zod'
import type { OgcCollection, OgcLink } from '../contract/index.ts'

type Link = z.infer<typeof OgcLink>
type Collection = z.infer<typeof OgcCollection>

const esc = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** One page: a title, a trail back to the landing page, the body, and the document's links. */
function page(title: string, trail: Array<[string, string]>, body: string, links: readonly Link[]): string {
  const crumbs = trail.map(([href, label]) => `<a href="${esc(href)}">${esc(label)}</a>`).join(' / ')
  const linkList = links.length
    ? `<h2>Links</h2><ul>${links.map((l) => `<li><a href="${esc(l.href)}" rel="${esc(l.rel)}"${l.type ? ` type="${esc(l.type)}"` : ''}>${esc(l.title ?? l.href)}</a> <small>(${esc(l.rel)}${l.type ? `, ${esc(l.type)}` : ''})</small></li>`).join('')}</ul>`
    : ''
  return (
    `<!doctype html><html lang="uk"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${esc(title)} — OGC API Features</title>` +
    `<style>body{font-family:system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem;line-height:1.45;color:#1b1f24}` +
    `table{border-collapse:collapse;display:block;overflow-x:auto}td,th{border:1px solid #ccd;padding:.25rem .5rem;text-align:left;vertical-align:top}` +
    `nav{margin-bottom:1rem}a{color:#0b5cad}code{background:#f1f3f5;padding:0 .2rem}</style></head>` +
    `<body><header><nav aria-label="Path">${crumbs}</nav></header><main><h1>${esc(title)}</h1>${body}${linkList}</main>` +
    `<footer><p><a href="/">Hromada Map</a> · <a href="/data">Open data catalogue</a> · <a href="/data/use">Use the data</a></p></footer></body></html>`
  )
}

const HOME: [string, string] = ['/ogc?f=html', 'OGC API']

export function landingHtml(doc: { title: string; description: string; links: Link[] }): string {
  return page(doc.title, [HOME], `<p>${esc(doc.description)}</p>`, doc.links)
}

export function conformanceHtml(doc: { conformsTo: readonly string[] }, links: readonly Link[]): string {
  return page('Conformance', [HOME], `<ul>${doc.conformsTo.map((c) => `<li><a href="${esc(c)}">${esc(c)}</a></li>`).join('')}</ul>`, links)
}

export function apiHtml(jsonUrl: string): string {
  return page('The API definition', [HOME], `<p>The OpenAPI 3.0 document of this service: <a href="${esc(jsonUrl)}" type="application/vnd.oai.openapi+json;version=3.0">${esc(jsonUrl)}</a>.</p>`, [])
}

export function collectionsHtml(doc: { collections: readonly Collection[]; links: Link[] }): string {
  const rows = doc.collections
    .map((c) => `<tr><td><a href="/ogc/collections/${esc(c.id)}?f=html">${esc(c.title)}</a></td><td><code>${esc(c.id)}</code></td><td>${esc(c.license)}</td><td>${c.synthetic ? 'synthetic / синтетичні' : ''}</td></tr>`)
    .join('')
  return page('Collections', [HOME], `<table><thead><tr><th>Title</th><th>Id</th><th>Licence</th><th>Data</th></tr></thead><tbody>${rows}</tbody></table>`, doc.links)
}

export function collectionHtml(c: Collection): string {
  const [w, s, e, n] = c.extent?.spatial.bbox[0] ?? []
  const interval = c.extent?.temporal?.interval[0]
  const body =
    `<p>${esc(c.description)}</p><dl>` +
    `<dt>Id</dt><dd><code>${esc(c.id)}</code></dd>` +
    `<dt>Licence</dt><dd>${esc(c.license)} — ${esc(c.attribution)}</dd>` +
    (c.synthetic ? `<dt>Data</dt><dd><strong>Synthetic / синтетичні дані</strong>: generated for the demonstration, not a real register.</dd>` : '') +
    `<dt>Extent</dt><dd>${esc(w)}, ${esc(s)} — ${esc(e)}, ${esc(n)} (longitude, latitude)</dd>` +
    (interval ? `<dt>Time</dt><dd>${esc(interval[0] ?? '..')} — ${esc(interval[1] ?? '..')}</dd>` : '') +
    `<dt>CRS</dt><dd>${c.crs.map((u) => `<code>${esc(u)}</code>`).join('<br>')}</dd></dl>` +
    `<p><a href="/ogc/collections/${esc(c.id)}/items?f=html">Browse the features</a></p>`
  return page(c.title, [HOME, ['/ogc/collections?f=html', 'Collections']], body, c.links)
}

type FeatureLike = { id: number; properties: Record<string, unknown>; geometry: { type: string } | null }

export function itemsHtml(collection: { id: string; title: string }, doc: { features: readonly FeatureLike[]; numberMatched: number; numberReturned: number; links: Link[] }, columns: readonly string[]): string {
  const head = `<tr><th>id</th>${columns.map((n) => `<th>${esc(n)}</th>`).join('')}<th>geometry</th></tr>`
  const rows = doc.features
    .map((f) => `<tr><td><a href="/ogc/collections/${esc(collection.id)}/items/${f.id}?f=html">${f.id}</a></td>${columns.map((n) => `<td>${esc(f.properties[n])}</td>`).join('')}<td>${esc(f.geometry?.type)}</td></tr>`)
    .join('')
  const next = doc.links.find((l) => l.rel === 'next' && l.type === 'text/html')
  const body =
    `<p>${doc.numberReturned} of ${doc.numberMatched} features.${next ? ` <a href="${esc(next.href)}" rel="next">Next page</a>` : ''}</p>` +
    `<table><thead>${head}</thead><tbody>${rows}</tbody></table>`
  return page(`${collection.title}: features`, [HOME, ['/ogc/collections?f=html', 'Collections'], [`/ogc/collections/${collection.id}?f=html`, collection.title]], body, doc.links)
}

export function itemHtml(collection: { id: string; title: string }, feature: FeatureLike & { links: Link[] }, columns: readonly string[]): string {
  const rows = columns.map((n) => `<tr><th>${esc(n)}</th><td>${esc(feature.properties[n])}</td></tr>`).join('')
  const body = `<table><tbody>${rows}<tr><th>geometry</th><td>${esc(feature.geometry?.type)}</td></tr></tbody></table>`
  return page(`${collection.title}: ${feature.id}`, [HOME, ['/ogc/collections?f=html', 'Collections'], [`/ogc/collections/${collection.id}?f=html`, collection.title]], body, feature.links)
}

export function queryablesHtml(collection: { id: string; title: string }, properties: Record<string, Record<string, unknown>>, links: readonly Link[]): string {
  const rows = Object.entries(properties)
    .map(([name, schema]) => `<tr><td><code>${esc(name)}</code></td><td>${esc(schema.title)}</td><td>${esc(schema.type ?? schema.format)}</td></tr>`)
    .join('')
  return page(`${collection.title}: queryables`, [HOME, [`/ogc/collections/${collection.id}?f=html`, collection.title]], `<table><thead><tr><th>Name</th><th>Title</th><th>Type</th></tr></thead><tbody>${rows}</tbody></table>`, links)
}
