/** Helpers of the Open311 tests: posting requests as a client would, and reading XML back. */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { expect } from 'vitest'
import type { App } from '../index.ts'
import { TEST_OPEN311_KEY } from '../testing.ts'

/** A point in central Kyiv, inside its boundary. */
export const KYIV_POINT = { lat: '50.4501', long: '30.5234' }
/** A point in central Kharkiv. */
export const KHARKIV_POINT = { lat: '49.9935', long: '36.2304' }
/** A point in central Zhytomyr. */
export const ZHYTOMYR_POINT = { lat: '50.2547', long: '28.6587' }

/** W3C datetime with a numeric offset, as the requests show times. */
export const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/

/**
 * Posts a form-urlencoded request, as the spec sends it, with the test key, a pothole in Kyiv
 * and a description; `fields` override or add (`api_key: ''` leaves the key out).
 */
export function postRequest(app: App, fields: Record<string, string> = {}, format: 'json' | 'xml' = 'json', headers: Record<string, string> = {}): Promise<Response> {
  const all = Object.entries({ api_key: TEST_OPEN311_KEY, service_code: 'pothole', ...KYIV_POINT, description: 'Глибока яма біля зупинки', ...fields }).filter(([, v]) => v !== '')
  return Promise.resolve(app.request(`/open311/v2/requests.${format}`, { method: 'POST', body: new URLSearchParams(all), headers }))
}

/** Posts a request that must succeed, and returns its id. */
export async function createRequest(app: App, fields: Record<string, string> = {}): Promise<string> {
  const res = await postRequest(app, fields)
  const body = (await res.json()) as Array<{ service_request_id: string }>
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body[0]!.service_request_id
}

// Lists with one item would otherwise parse as a lone object.
const LIST_ITEMS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format'])
const parser = new XMLParser({ parseTagValue: false, isArray: (name) => LIST_ITEMS.has(name) })

/** Checks an XML response (status, media type, declaration, well-formed) and parses it, text as strings. */
export async function xmlBody(res: Response, status = 200): Promise<Record<string, unknown>> {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toBe('text/xml; charset=utf-8')
  const text = await res.text()
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>\n')).toBe(true)
  expect(XMLValidator.validate(text)).toBe(true)
  return parser.parse(text) as Record<string, unknown>
}

/** Checks a JSON response (status and media type) and parses it. */
export async function jsonBody<T = unknown>(res: Response, status = 200): Promise<T> {
  expect(res.status).toBe(status)
  expect(res.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
  return (await res.json()) as T
}
