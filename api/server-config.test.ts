import { describe, expect, it } from 'vitest'
import { serverConfigFromEnv } from './server-config.ts'

describe('configuration from the environment', () => {
  it('has working defaults for the demo', () => {
    expect(serverConfigFromEnv({})).toMatchObject({ port: 8787, host: '127.0.0.1', dataDir: './.data', demo: true, trustProxy: false, poolSize: 8, tileCacheMb: 64, logRequests: true })
  })

  it('refuses production (HROMADA_DEMO=0) without PUBLIC_URL', () => {
    expect(() => serverConfigFromEnv({ HROMADA_DEMO: '0' })).toThrow(/PUBLIC_URL is required/)
    expect(serverConfigFromEnv({ HROMADA_DEMO: '0', PUBLIC_URL: 'https://map.example.ua' })).toMatchObject({ demo: false, publicUrl: 'https://map.example.ua' })
  })

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['HROMADA_DB_POOL', '0'],
    ['HROMADA_DB_POOL', '8.5'],
    ['HROMADA_TILE_CACHE_MB', '-1'],
    ['TRUST_PROXY', 'yes please'],
    ['HROMADA_DEMO', 'maybe'],
    ['HROMADA_APPEAL_RATE_LIMIT', '30 per hour'],
    ['PUBLIC_URL', 'map.example.ua'],
    ['PUBLIC_HOSTS', 'https://map.example.ua'],
  ])('names %s when its value "%s" is not valid', (name, value) => {
    expect(() => serverConfigFromEnv({ [name]: value })).toThrow(new RegExp(name))
  })
})
