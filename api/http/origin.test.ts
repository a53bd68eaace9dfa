import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { freshAddress, freshEmail, lastMail } from '../auth/testing.ts'
import { makeApp, type TestApp } from '../testing.ts'
import { parsePublicHosts, parsePublicUrl, publicOriginOf } from './origin.ts'

let database: Database
const LISTENING = 'http://127.0.0.1:8787'
const HOSTILE = { Host: 'evil.test', 'X-Forwarded-Host': 'evil.test', 'X-Forwarded-Proto': 'https' }

beforeAll(async () => {
  database = await openTestDatabase()
})
afterAll(async () => {
  await database.close()
})

async function appWith(origin: NonNullable<Parameters<typeof makeApp>[2]>['origin']): Promise<TestApp['app']> {
  return (await makeApp(database, { trustProxy: true }, { origin })).app
}

/** Asks for a password reset of a fresh account and returns the mail's body. */
async function resetMail(app: TestApp['app'], headers: Record<string, string>): Promise<string> {
  const email = freshEmail('origin')
  const json = { 'Content-Type': 'application/json', 'X-Forwarded-For': freshAddress(), ...headers }
  expect((await app.request('/api/account/register', { method: 'POST', headers: json, body: JSON.stringify({ email, password: 'a long enough passphrase', name: 'Тест' }) })).status).toBe(202)
  const res = await app.request('/api/account/password-reset', { method: 'POST', headers: json, body: JSON.stringify({ email }) })
  expect(res.status).toBe(202)
  return (await lastMail(database.db, email))!.body
}

describe('links in mail', () => {
  it('point at the listening address, not at Host or X-Forwarded-Host, without PUBLIC_URL', async () => {
    const body = await resetMail(await appWith({ listenOrigin: () => LISTENING }), HOSTILE)
    expect(body).toContain(`${LISTENING}/account/reset/`)
    expect(body).not.toContain('evil.test')
  })

  it('point at PUBLIC_URL when it is set, whatever the headers say', async () => {
    const body = await resetMail(await appWith({ publicUrl: 'https://map.example.ua', listenOrigin: () => LISTENING }), HOSTILE)
    expect(body).toContain('https://map.example.ua/account/reset/')
    expect(body).not.toContain('evil.test')
  })
})

describe('documents with absolute URLs', () => {
  const PATHS = ['/tiles/kyiv-metro-stations.json', '/styles/kyiv.json', '/open311/v2/discovery.json', '/api/layers?city=kyiv', '/api/cities']

  it.each(PATHS)('%s never names a host from the request headers', async (path) => {
    const app = await appWith({ listenOrigin: () => LISTENING })
    const res = await app.request(path, { headers: HOSTILE })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toContain(LISTENING)
    expect(text).not.toContain('evil.test')
  })

  it('behind a trusted proxy, use a forwarded host of PUBLIC_HOSTS with its scheme, and say they vary by it', async () => {
    const app = await appWith({ trustProxy: true, publicHosts: ['karta.example.ua'], listenOrigin: () => LISTENING })
    const listed = await app.request('/tiles/kyiv-metro-stations.json', { headers: { 'X-Forwarded-Host': 'karta.example.ua', 'X-Forwarded-Proto': 'https' } })
    expect(await listed.text()).toContain('https://karta.example.ua/tiles/kyiv-metro-stations/')
    expect(listed.headers.get('Vary')).toContain('X-Forwarded-Host')
    const unlisted = await app.request('/tiles/kyiv-metro-stations.json', { headers: HOSTILE })
    const text = await unlisted.text()
    expect(text).toContain(LISTENING)
    expect(text).not.toContain('evil.test')
  })

  it('ignore forwarded hosts of PUBLIC_HOSTS without TRUST_PROXY', () => {
    const header = (name: string) => ({ 'X-Forwarded-Host': 'karta.example.ua', Host: 'karta.example.ua' })[name]
    expect(publicOriginOf({ publicHosts: ['karta.example.ua'], listenOrigin: () => LISTENING }, header)).toBe(LISTENING)
    expect(publicOriginOf({ trustProxy: true, publicHosts: ['karta.example.ua'], listenOrigin: () => LISTENING }, header)).toBe('http://karta.example.ua')
  })
})

describe('configuration', () => {
  it('takes PUBLIC_URL as an origin and refuses anything else', () => {
    expect(parsePublicUrl('https://map.example.ua/')).toBe('https://map.example.ua')
    expect(parsePublicUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787')
    for (const bad of ['map.example.ua', 'ftp://map.example.ua', 'https://map.example.ua/sub', 'https://u:p@map.example.ua', 'javascript:alert(1)']) {
      expect(() => parsePublicUrl(bad), bad).toThrow(/PUBLIC_URL/)
    }
  })

  it('takes PUBLIC_HOSTS as host names with optional ports', () => {
    expect(parsePublicHosts(' Map.Example.UA, karta.example.ua:8443 ,')).toEqual(['map.example.ua', 'karta.example.ua:8443'])
    for (const bad of ['https://map.example.ua', 'map example', 'a/b']) expect(() => parsePublicHosts(bad), bad).toThrow(/PUBLIC_HOSTS/)
  })
})
