import SwaggerParser from '@apidevtools/swagger-parser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { API_ROUTES, apiRoute } from '../contract/index.ts'
import { makeApp, type TestApp } from '../testing.ts'
import { checkedAgainstContract, ContractViolation, routeMatcher } from './contract-check.ts'

let database: Database
let app: TestApp['app']
beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

/** Hono's path of a route as OpenAPI paths: `:id` → `{id}`, `:file{export\.(geojson|csv)}` → one path per name. */
function openApiPaths(honoPath: string): string[] {
  let paths = ['']
  for (const segment of honoPath.split('/').slice(1)) {
    const pattern = /^:(\w+)\{(.+)\}$/.exec(segment)
    const choices = pattern ? /^([^()|]*)\(([^()]+)\)([^()|]*)$/.exec(pattern[2]!.replace(/\\\./g, '.')) : null
    const names = choices ? choices[2]!.split('|').map((c) => `${choices[1]}${c}${choices[3]}`) : [segment.startsWith(':') ? `{${segment.slice(1).replace(/\{.*$/, '')}}` : segment]
    paths = paths.flatMap((p) => names.map((n) => `${p}/${n}`))
  }
  return paths
}

/** Every `METHOD /path` the app mounts under `/api`, middleware left out. */
function mountedApiRoutes(): string[] {
  const mounted = app.routes
    .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
    .flatMap((r) => openApiPaths(r.path).map((path) => `${r.method} ${path}`))
  return [...new Set(mounted)].sort()
}

const described = new Set(API_ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`))

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document served for this origin', async () => {
    const res = await app.request('/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const document = (await res.json()) as { openapi: string; servers: Array<{ url: string }>; info: { version: string; license: { identifier: string } } }
    expect(document.openapi).toMatch(/^3\.1\./)
    expect(document.servers).toEqual([{ url: 'http://localhost' }])
    expect(document.info.license.identifier).toBe('AGPL-3.0-or-later')
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined()
  })

  it('describes each route with its parameters, body schema and problem responses', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as any
    const features = document.paths['/api/layers/{id}/features'].get
    expect(features.parameters.map((p: { in: string; name: string }) => `${p.in}.${p.name}`)).toEqual(['path.id', 'query.bbox', 'query.limit', 'query.offset'])
    expect(features.parameters.find((p: { name: string }) => p.name === 'limit')).toMatchObject({ required: false, schema: { type: 'integer', maximum: 1000, default: 100 } })
    expect(features.responses['200'].content['application/geo+json'].schema).toEqual({ $ref: '#/components/schemas/FeaturePage' })
    expect(features.responses['404'].content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' })
    expect(document.components.schemas.Layer.properties.theme.enum).toContain('property-land')
    expect(document.components.schemas.Problem.required).toEqual(['type', 'title', 'status', 'detail', 'instance'])
  })

  it('names the session cookie as the security of the routes that need a signed-in user', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as any
    expect(document.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'hromada_session' })
    expect(document.paths['/api/account'].get.security).toEqual([{ session: [] }])
    expect(document.paths['/api/auth/session'].get.security).toBeUndefined()
  })

  it('lists every route the app mounts under /api, and only those', () => {
    const mounted = mountedApiRoutes()
    expect(mounted).toContain('GET /api/layers/{id}/export.csv')
    expect(mounted.length).toBeGreaterThan(80)
    expect(mounted.filter((r) => !described.has(r)), 'mounted but not described in the contract').toEqual([])
    expect([...described].filter((r) => !mounted.includes(r)), 'described but not mounted').toEqual([])
  })
})

describe('GET /api/docs', () => {
  it('is a page that loads only scripts and styles of this origin, under the page\'s CSP', async () => {
    const res = await app.request('/api/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toMatch(/default-src 'self'/)
    const html = await res.text()
    const sources = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
    expect(sources).toEqual(expect.arrayContaining(['/api/docs/swagger-ui-bundle.js', '/api/docs/start.js', '/api/docs/swagger-ui.css']))
    for (const source of sources) expect(source).toMatch(/^\/api\/docs\//)
    // The CSP forbids inline scripts: every script has a source.
    expect([...html.matchAll(/<script\b([^>]*)>([^<]*)<\/script>/g)].every(([, attrs, text]) => /\bsrc=/.test(attrs!) && text!.trim() === '')).toBe(true)
    for (const source of sources) {
      const file = await app.request(source)
      expect(file.status, source).toBe(200)
      expect((await file.arrayBuffer()).byteLength, source).toBeGreaterThan(0)
    }
    expect(await (await app.request('/api/docs/start.js')).text()).toContain("url: '/api/openapi.json'")
  })

  it('serves no other file of the package', async () => {
    for (const name of ['package.json', 'index.html', '..%2F..%2Fpackage.json']) expect((await app.request(`/api/docs/${name}`)).status).toBe(404)
  })
})

describe('the contract in practice', () => {
  it('holds for the answers of the described routes over the demo data', async () => {
    const samples = ['/api/health', '/api/cities', '/api/cities/kyiv', '/api/cities/kyiv/districts', '/api/cities/atlantis', '/api/cities/Bad_Id',
      '/api/addresses?city=kyiv&q=%D0%B2%D1%83%D0%BB', '/api/layers', '/api/layers?city=kyiv', '/api/layers/kyiv-polling-stations',
      '/api/layers/kyiv-polling-stations/features?limit=3', '/api/layers/kyiv-polling-stations/features?bbox=1,2,3',
      '/api/layers/kyiv-metro-stations/export.geojson', '/api/layers/kyiv-metro-stations/export.csv', '/api/layers/atlantis', '/api/openapi.json', '/api/docs']
    const first = (await (await app.request('/api/layers/kyiv-polling-stations/features?limit=1')).json()) as { features: Array<{ id: number }> }
    samples.push(`/api/layers/kyiv-polling-stations/features/${first.features[0]!.id}`)
    const matches = routeMatcher()
    for (const path of samples) {
      expect(matches('GET', new URL(path, 'http://x').pathname), path).toBeDefined()
      // makeApp checks every answer of a described route; a broken one rejects here.
      await app.request(path)
    }
  })

  it('fails loudly when an answer breaks its schema or status', async () => {
    const strict = [
      apiRoute({ method: 'get', path: '/api/cities', summary: 'x', tags: [], responses: { 200: { description: 'x', schema: z.array(z.object({ id: z.number() })) } } }),
      apiRoute({ method: 'get', path: '/api/cities/{id}', summary: 'x', tags: [], responses: { 200: { description: 'x' } } }),
    ]
    const checked = checkedAgainstContract((await makeApp(database)).app, strict)
    await expect(checked.request('/api/cities')).rejects.toThrow(ContractViolation)
    await expect(checked.request('/api/cities')).rejects.toThrow(/0\.id: Invalid input: expected number/)
    await expect(checked.request('/api/cities/atlantis')).rejects.toThrow(/answered 404, which the contract does not declare/)
  })

  it('checks an answer in another media type against that media type\'s schema', async () => {
    const pages = z.object({ appeals: z.array(z.unknown()) })
    const geoWith = (schema: z.ZodType) => [
      apiRoute({ method: 'get', path: '/api/appeals', summary: 'x', tags: [], responses: { 200: { description: 'x', schema: pages, alternatives: { 'application/geo+json': schema } } } }),
    ]
    const strict = checkedAgainstContract((await makeApp(database)).app, geoWith(z.object({ type: z.literal('Topology') })))
    await expect(strict.request('/api/appeals?city=kyiv&limit=1&format=geojson')).rejects.toThrow(/type: Invalid input: expected "Topology"/)
    expect((await strict.request('/api/appeals?city=kyiv&limit=1')).status).toBe(200)
    const fitting = checkedAgainstContract((await makeApp(database)).app, geoWith(z.object({ type: z.literal('FeatureCollection') })))
    expect((await fitting.request('/api/appeals?city=kyiv&limit=1&format=geojson')).status).toBe(200)
  })
})
