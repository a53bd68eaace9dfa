import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { startServerProcess } from './faults/index.ts'
import { CONFIG_VARIABLES, serverConfigFromEnv } from './server-config.ts'

describe('configuration from the environment', () => {
  it('has working defaults for the demo', () => {
    expect(serverConfigFromEnv({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: './.data',
      demo: true,
      publicUrl: undefined,
      publicHosts: undefined,
      trustProxy: false,
      poolSize: 8,
      tileCacheMb: 64,
      maxUploadMb: 512,
      maxDocumentMb: 50,
      smtpUrl: undefined,
      mailFrom: 'Hromada Map <no-reply@localhost>',
      appealRateLimit: { limit: 30, windowSeconds: 3600 },
      open311Keys: [],
      oidc: undefined,
      logRequests: true,
      skipBuild: false,
    })
  })

  it('reads every variable in its documented form', () => {
    expect(
      serverConfigFromEnv({
        PORT: ' 0 ',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://u@db/hromada',
        HROMADA_DATA_DIR: '/var/lib/hromada',
        HROMADA_DEMO: '0',
        PUBLIC_URL: 'https://map.example.ua/',
        PUBLIC_HOSTS: 'Map.example.ua, karta.example.ua:8443',
        TRUST_PROXY: 'true',
        HROMADA_DB_POOL: '20',
        HROMADA_TILE_CACHE_MB: '0',
        HROMADA_MAX_UPLOAD_MB: '2048',
        HROMADA_MAX_DOCUMENT_MB: '20',
        SMTP_URL: 'smtps://u:p@smtp.example.ua:465',
        MAIL_FROM: 'Kyiv <map@kyiv.example.ua>',
        HROMADA_APPEAL_RATE_LIMIT: '5/60',
        OPEN311_API_KEYS: 'a, b,,',
        OIDC_ISSUER: 'https://id.example.ua',
        OIDC_CLIENT_ID: 'map',
        OIDC_CLIENT_SECRET: 's',
        HROMADA_ACCESS_LOG: '0',
        HROMADA_SKIP_BUILD: '1',
      }),
    ).toEqual({
      port: 0,
      host: '0.0.0.0',
      databaseUrl: 'postgres://u@db/hromada',
      dataDir: '/var/lib/hromada',
      demo: false,
      publicUrl: 'https://map.example.ua',
      publicHosts: ['map.example.ua', 'karta.example.ua:8443'],
      trustProxy: true,
      poolSize: 20,
      tileCacheMb: 0,
      maxUploadMb: 2048,
      maxDocumentMb: 20,
      smtpUrl: 'smtps://u:p@smtp.example.ua:465',
      mailFrom: 'Kyiv <map@kyiv.example.ua>',
      appealRateLimit: { limit: 5, windowSeconds: 60 },
      open311Keys: ['a', 'b'],
      oidc: { issuer: 'https://id.example.ua', clientId: 'map', clientSecret: 's', name: 'OpenID Connect' },
      logRequests: false,
      skipBuild: true,
    })
  })

  it('takes an empty variable as unset', () => {
    expect(serverConfigFromEnv({ PORT: '', HROMADA_TILE_CACHE_MB: ' ', TRUST_PROXY: '' })).toMatchObject({ port: 8787, tileCacheMb: 64, trustProxy: false })
  })

  it('refuses two basemaps at once', () => {
    expect(() => serverConfigFromEnv({ HROMADA_BASEMAP_PMTILES: '/srv/kyiv.pmtiles', HROMADA_BASEMAP_STYLE: 'https://tiles.example.ua/style.json' })).toThrow(/set one of them/)
  })

  it('refuses production (HROMADA_DEMO=0) without PUBLIC_URL', () => {
    expect(() => serverConfigFromEnv({ HROMADA_DEMO: '0' })).toThrow(/PUBLIC_URL is required/)
    expect(serverConfigFromEnv({ HROMADA_DEMO: '0', PUBLIC_URL: 'https://map.example.ua' })).toMatchObject({ demo: false, publicUrl: 'https://map.example.ua' })
  })

  it.each([
    ['PORT', 'eighty', 'a whole number from 0 to 65535'],
    ['PORT', '70000', 'a whole number from 0 to 65535'],
    ['HROMADA_DB_POOL', '0', 'a whole number from 1 to 1000'],
    ['HROMADA_DB_POOL', '8.5', 'a whole number from 1 to 1000'],
    ['HROMADA_TILE_CACHE_MB', '-1', 'a whole number from 0'],
    ['HROMADA_TILE_CACHE_MB', 'abc', 'a whole number from 0'],
    ['TRUST_PROXY', 'yes please', '1 or 0'],
    ['HROMADA_DEMO', 'maybe', '1 or 0'],
    ['HROMADA_ACCESS_LOG', 'off', '1 or 0'],
    ['HROMADA_SKIP_BUILD', 'y', '1 or 0'],
    ['HROMADA_APPEAL_RATE_LIMIT', '30 per hour', '<requests>/<seconds>'],
    ['HROMADA_APPEAL_RATE_LIMIT', '30/0', '<requests>/<seconds>'],
    ['PUBLIC_URL', 'map.example.ua', 'an origin'],
    ['PUBLIC_URL', 'https://map.example.ua/path', 'an origin'],
    ['PUBLIC_HOSTS', 'https://map.example.ua', 'host names'],
    ['HROMADA_BASEMAP_STYLE', 'tiles.openfreemap.org/styles/liberty', 'the URL of a MapLibre style'],
    ['HROMADA_BASEMAP_STYLE', 'ftp://tiles.example.ua/style.json', 'the URL of a MapLibre style'],
    ['HROMADA_BASEMAP_STYLE', 'https://user:secret@tiles.example.ua/style.json', 'the URL of a MapLibre style'],
    ['HROMADA_BASEMAP_STYLE', 'javascript:alert(1)', 'the URL of a MapLibre style'],
  ])('names %s, what it accepts and the value when "%s" is not valid', (name, value, accepts) => {
    let message = ''
    try {
      serverConfigFromEnv({ [name]: value })
    } catch (err) {
      message = (err as Error).message
    }
    expect(message.startsWith(`${name} must be `)).toBe(true)
    expect(message).toContain(accepts)
    expect(message).toContain(`got "${value}"`)
  })

  it('names every wrong variable at once', () => {
    expect(() => serverConfigFromEnv({ PORT: 'x', HROMADA_DB_POOL: 'y' })).toThrow(/PORT must be[\s\S]*\n[\s\S]*HROMADA_DB_POOL must be/)
  })

  it('documents every variable in the README configuration table', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Commands'))
    for (const name of CONFIG_VARIABLES) expect(table, name).toMatch(new RegExp(`^\\| [^|]*\`${name}\``, 'm'))
  })
})

describe('npm start with a wrong value', () => {
  it.each([
    ['PORT', 'abc'],
    ['HROMADA_TILE_CACHE_MB', '-1'],
  ])('stops with a non-zero exit code and a message naming %s=%s', async (name, value) => {
    const error = await startServerProcess({ [name]: value }).then(
      (server) => {
        server.child.kill()
        return new Error('the server started')
      },
      (err: Error) => err,
    )
    expect(error.message).toMatch(/^server exited \(2\)/)
    const lines = error.message.split('\n').filter((line) => line.startsWith('{'))
    expect(lines.map((line) => JSON.parse(line) as { level: string; msg: string })).toContainEqual({ time: expect.any(String), level: 'error', msg: expect.stringContaining(`${name} must be a whole number`) })
  }, 120_000)
})
