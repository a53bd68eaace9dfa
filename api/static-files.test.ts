import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompress } from '../scripts/web-assets/index.ts'
import type { AppEnv } from './http/index.ts'
import { acceptedEncodings, staticFiles } from './static-files.ts'

let dir: string
let app: Hono<AppEnv>
const script = `export const cities = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ id: i, name: `Громада ${i}` })))}\n`
const html = `<!doctype html><html lang="uk"><head><title>Громада Мапа</title></head><body>${'<div></div>'.repeat(100)}</body></html>`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hromada-static-'))
  mkdirSync(join(dir, 'assets'))
  writeFileSync(join(dir, 'index.html'), html)
  writeFileSync(join(dir, 'assets', 'app-3f9a1c.js'), script)
  writeFileSync(join(dir, 'sw.js'), `self.addEventListener('fetch', () => {})\n${'//'.repeat(400)}`)
  writeFileSync(join(dir, 'manifest.webmanifest'), JSON.stringify({ name: 'Громада Мапа', icons: [192, 512].map((size) => ({ src: `/icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png', purpose: 'any maskable' })), description: 'Відкрита мапа громади'.repeat(20) }))
  writeFileSync(join(dir, 'tiny.txt'), 'ok')
  await precompress(dir)
  app = new Hono<AppEnv>().use('*', staticFiles(dir))
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') => app.request(path, { method, headers })

describe('acceptedEncodings', () => {
  it('reads Accept-Encoding as RFC 9110 does: q=0 refuses, * stands for the codings not named', () => {
    expect([...acceptedEncodings('gzip, deflate, br, zstd')]).toEqual(['br', 'gzip'])
    expect([...acceptedEncodings('br;q=0, gzip;q=0.5')]).toEqual(['gzip'])
    expect([...acceptedEncodings('*')]).toEqual(['br', 'gzip'])
    expect([...acceptedEncodings('*;q=0, gzip')]).toEqual(['gzip'])
    expect([...acceptedEncodings('identity')]).toEqual([])
    expect([...acceptedEncodings(undefined)]).toEqual([])
    expect([...acceptedEncodings('br;q=abc, gzip;q=')]).toEqual([])
    expect([...acceptedEncodings(' BR ; Q=1 ')]).toEqual(['br'])
  })
})

describe('static files', () => {
  it('sends the brotli copy to a client that accepts it, the gzip copy to one that accepts only gzip, the file as it is otherwise', async () => {
    const path = '/assets/app-3f9a1c.js'
    const br = await get(path, { 'Accept-Encoding': 'gzip, deflate, br' })
    expect(br.status).toBe(200)
    expect(br.headers.get('Content-Encoding')).toBe('br')
    expect(br.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8')
    expect(br.headers.get('Vary')).toBe('Accept-Encoding')
    expect(br.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    const brBytes = Buffer.from(await br.arrayBuffer())
    expect(Number(br.headers.get('Content-Length'))).toBe(brBytes.length)
    expect(brBytes.length).toBeLessThan(Buffer.byteLength(script) / 4)
    expect(brotliDecompressSync(brBytes).toString('utf8')).toBe(script)

    const gz = await get(path, { 'Accept-Encoding': 'br;q=0, gzip' })
    expect(gz.headers.get('Content-Encoding')).toBe('gzip')
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(script)

    const plain = await get(path)
    expect(plain.headers.get('Content-Encoding')).toBeNull()
    expect(plain.headers.get('Vary')).toBe('Accept-Encoding')
    expect(await plain.text()).toBe(script)
  })

  it('answers HEAD with the length of what GET would send, and no body', async () => {
    const head = await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': 'br' }, 'HEAD')
    expect(head.status).toBe(200)
    expect(Number(head.headers.get('Content-Length'))).toBe(readFileSync(join(dir, 'assets', 'app-3f9a1c.js.br')).length)
    expect((await head.arrayBuffer()).byteLength).toBe(0)
  })

  it('revalidates the page, the service worker and the manifest by ETag, each encoding its own', async () => {
    for (const path of ['/', '/sw.js', '/manifest.webmanifest']) {
      const first = await get(path, { 'Accept-Encoding': 'br' })
      expect(first.status, path).toBe(200)
      expect(first.headers.get('Cache-Control'), path).toBe('no-cache')
      const etag = first.headers.get('ETag')!
      expect(etag, path).toMatch(/^".+-br"$/)
      expect((await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': etag })).status, path).toBe(304)
      expect((await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': `W/${etag}` })).status, path).toBe(304)
      // The plain file has another tag: a cached brotli copy never stands for it.
      const plain = await get(path, { 'If-None-Match': etag })
      expect(plain.status, path).toBe(200)
      expect(plain.headers.get('ETag'), path).not.toBe(etag)
    }
    expect((await get('/manifest.webmanifest')).headers.get('Content-Type')).toBe('application/manifest+json')
  })

  it('sends a small file as it is, without a Vary it does not need', async () => {
    const res = await get('/tiny.txt', { 'Accept-Encoding': 'br, gzip' })
    expect(res.headers.get('Content-Encoding')).toBeNull()
    expect(res.headers.get('Vary')).toBeNull()
    expect(await res.text()).toBe('ok')
  })

  it("answers a page path with the app's page, compressed, 404 for a path that names no page", async () => {
    const deep = await get('/appeals/KYIV-2026-000123', { 'Accept-Encoding': 'br' })
    expect(deep.status).toBe(200)
    expect(brotliDecompressSync(Buffer.from(await deep.arrayBuffer())).toString('utf8')).toBe(html)
    const unknown = await get('/no-such-page', { 'Accept-Encoding': 'gzip' })
    expect(unknown.status).toBe(404)
    expect(gunzipSync(Buffer.from(await unknown.arrayBuffer())).toString('utf8')).toBe(html)
  })

  it('never answers hostile paths or headers with a file outside its folder or a 500', async () => {
    writeFileSync(join(dir, '..', 'secret.txt'), 'secret')
    const hostile = ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/%E0%A4%A', '/assets/app-3f9a1c.js%00.br', '/assets/..%5c..%5csecret.txt']
    for (const path of hostile) {
      const res = await get(path, { 'Accept-Encoding': 'br' })
      expect(res.status, path).not.toBe(500)
      expect(await res.text(), path).not.toContain('secret')
    }
    const odd = ['br;q=NaN', 'br;q=-1', `${'x'.repeat(10000)}, br`, ';;;,,,', 'br;q=1e999']
    for (const header of odd) expect((await get('/assets/app-3f9a1c.js', { 'Accept-Encoding': header })).status, header).toBe(200)
  })
})
