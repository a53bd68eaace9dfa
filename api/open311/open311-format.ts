import { XMLBuilder } from 'fast-xml-parser'
import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The two formats of GeoReport v2, chosen by the path's `.json` / `.xml` suffix. */
export type Open311Format = 'json' | 'xml'

/** The format a path asks for: XML when it ends in `.xml`, JSON otherwise. */
export function formatOf(path: string): Open311Format {
  return path.endsWith('.xml') ? 'xml' : 'json'
}

/**
 * A path segment without its format suffix.
 * @example stripFormat('KYIV-2026-000123.xml') // 'KYIV-2026-000123'
 */
export function stripFormat(segment: string): string {
  return segment.replace(/\.(?:json|xml)$/, '')
}

/** The documents of GeoReport v2; the last three are lists. */
export type Open311Document = 'discovery' | 'service_definition' | 'services' | 'service_requests' | 'errors'

/** A document's body: an object for discovery and a service definition, a list for the rest. */
export type Open311Body<D extends Open311Document> = D extends 'discovery' | 'service_definition' ? object : readonly object[]

/** The XML root of each document and, for lists, the element of one item. */
const ROOTS: Record<Open311Document, { root: string; item?: string }> = {
  discovery: { root: 'discovery' },
  service_definition: { root: 'service_definition' },
  services: { root: 'services', item: 'service' },
  service_requests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
}

// Lists nested in a document: XML repeats the singular element inside the plural one.
const ITEMS: Record<string, string> = { endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value' }

function xmlTree(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) {
    const item = key === undefined ? undefined : ITEMS[key]
    if (!item) throw new Error(`No XML element for the items of "${key}"`)
    return { [item]: value.map((v) => xmlTree(v)) }
  }
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, xmlTree(v, k)]))
  return value
}

// The builder escapes text (&, <, >, quotes); nulls become empty elements.
const builder = new XMLBuilder({})
const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

/**
 * Answers with a GeoReport v2 document: JSON as it is, or XML under the document's root
 * element with one item element per list entry (`<services><service>…`).
 */
export function renderOpen311<D extends Open311Document>(c: Context, format: Open311Format, document: D, body: Open311Body<D>, status: ContentfulStatusCode = 200): Response {
  if (format === 'json') return c.body(JSON.stringify(body), status, { 'Content-Type': 'application/json; charset=utf-8' })
  const { root, item } = ROOTS[document]
  const tree = item === undefined ? xmlTree(body) : { [item]: (body as readonly object[]).map((v) => xmlTree(v)) }
  return c.body(XML_DECLARATION + builder.build({ [root]: tree }), status, { 'Content-Type': 'text/xml; charset=utf-8' })
}
