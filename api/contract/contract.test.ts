import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { API_ROUTES } from './index.ts'

const FOLDER = new URL('./', import.meta.url)
const SOURCES = readdirSync(FOLDER).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))

describe('the API contract', () => {
  it('imports nothing but zod and its own files, so the web app can import it', () => {
    for (const name of SOURCES) {
      const text = readFileSync(new URL(name, FOLDER), 'utf8')
      const imported = [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'/gm)].map((m) => m[1]!)
      expect(imported.filter((from) => from !== 'zod' && !/^\.\/[a-z-]+\.ts$/.test(from)), name).toEqual([])
    }
    expect(SOURCES).toContain('route.ts')
  })

  it('describes each route once, with a path of the API and at least one response', () => {
    const keys = API_ROUTES.map((r) => `${r.method} ${r.path}`)
    expect(new Set(keys).size).toBe(keys.length)
    for (const route of API_ROUTES) {
      expect(route.path).toMatch(/^\/api\/[a-z0-9{}./_-]+$/i)
      expect(Object.keys(route.responses).length, route.path).toBeGreaterThan(0)
      for (const name of route.path.match(/\{(\w+)\}/g) ?? []) expect(Object.keys(route.request?.params?.shape ?? {}), route.path).toContain(name.slice(1, -1))
    }
  })
})
