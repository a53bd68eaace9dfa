import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { formatOf, renderOpen311, stripFormat, type Open311Body, type Open311Document } from './open311-format.ts'
import { jsonBody, xmlBody } from './open311-test-helpers.ts'

function render<D extends Open311Document>(format: 'json' | 'xml', document: D, body: Open311Body<D>): Promise<Response> {
  const app = new Hono().get('/doc', (c) => renderOpen311(c, format, document, body))
  return Promise.resolve(app.request('/doc'))
}

describe('renderOpen311', () => {
  it('sends JSON as it is', async () => {
    const res = await render('json', 'errors', [{ code: 400, description: 'lat: is required' }])
    expect(await jsonBody(await res)).toEqual([{ code: 400, description: 'lat: is required' }])
  })

  it('puts each item of a list document in its own element under the root', async () => {
    const res = await render('xml', 'service_requests', [{ service_request_id: 'KYIV-2026-000001' }, { service_request_id: 'KYIV-2026-000002' }])
    expect(await xmlBody(res)).toEqual({
      '?xml': '',
      service_requests: { request: [{ service_request_id: 'KYIV-2026-000001' }, { service_request_id: 'KYIV-2026-000002' }] },
    })
  })

  it('repeats the singular element inside a nested list', async () => {
    const res = await render('xml', 'service_definition', { service_code: 'pothole', attributes: [{ code: 'size', values: [{ key: 'small', name: 'Small' }] }] })
    expect(await xmlBody(res)).toMatchObject({
      service_definition: { service_code: 'pothole', attributes: { attribute: [{ code: 'size', values: { value: [{ key: 'small', name: 'Small' }] } }] } },
    })
  })

  it('writes null as an empty element and booleans and numbers as text', async () => {
    const res = await render('xml', 'service_requests', [{ account_id: null, metadata: true, lat: 50.45 }])
    const text = await res.text()
    expect(text).toContain('<request><account_id/><metadata>true</metadata><lat>50.45</lat></request>')
  })

  it('escapes markup in text, which parses back unchanged', async () => {
    const hostile = `<script>alert("x")</script> & 'quotes' ]]>`
    const res = await render('xml', 'errors', [{ code: 400, description: hostile }])
    const text = await res.clone().text()
    expect(text).not.toContain('<script>')
    expect(await xmlBody(res)).toMatchObject({ errors: { error: [{ code: '400', description: hostile }] } })
  })

  it('answers an empty list with an empty root', async () => {
    const res = await render('xml', 'services', [])
    expect(await xmlBody(res)).toEqual({ '?xml': '', services: '' })
  })
})

describe('formats from the path', () => {
  it('takes XML from a .xml suffix and JSON otherwise', () => {
    expect([formatOf('/open311/v2/services.xml'), formatOf('/open311/v2/services.json'), formatOf('/open311/v2/nothing')]).toEqual(['xml', 'json', 'json'])
  })

  it('strips only the format suffix from an id', () => {
    expect([stripFormat('KYIV-2026-000123.xml'), stripFormat('a.b.json'), stripFormat('plain')]).toEqual(['KYIV-2026-000123', 'a.b', 'plain'])
  })
})
