import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { lonLatToTile } from '../../tiles/index.ts'
import { bodyBytes, decodeTile, makeApp, tileProperties, type TestApp } from '../testing.ts'
import { appealBody, postJson } from './appeal-test-helpers.ts'

let database: Database
let app: TestApp['app']

beforeAll(async () => {
  database = await openTestDatabase()
  ;({ app } = await makeApp(database))
})
afterAll(async () => {
  await database.close()
})

async function numbersInTile(path: string): Promise<string[]> {
  const res = await app.request(path)
  if (res.status === 204) return []
  expect(res.status).toBe(200)
  return tileProperties(decodeTile(await bodyBytes(res)), 'kyiv-appeals').map((p) => String(p.number))
}

describe('the appeals layer', () => {
  it('is in the catalogue with its tiles', async () => {
    const layer = (await (await app.request('/api/layers/kyiv-appeals')).json()) as { id: string; theme: string; tiles?: unknown; tilejson?: string }
    expect(layer).toMatchObject({ id: 'kyiv-appeals', theme: 'appeals' })
    const catalogue = (await (await app.request('/api/layers?city=kyiv')).json()) as Array<{ id: string }>
    expect(catalogue.map((l) => l.id)).toContain('kyiv-appeals')
  })

  it('shows a new appeal in its tile within 1 s of the 201', async () => {
    const at = { lat: 50.4475 + Math.random() * 0.002, lon: 30.5155 + Math.random() * 0.002 }
    const t = lonLatToTile(at.lon, at.lat, 16)
    const path = `/tiles/kyiv-appeals/16/${t.x}/${t.y}.mvt`
    await numbersInTile(path) // the tile is cached before the appeal exists
    const res = await postJson(app, '/api/appeals', appealBody({ category: 'greenery', ...at }))
    expect(res.status).toBe(201)
    const filed = Date.now()
    const { number } = (await res.json()) as { number: string }
    let seenAfter = Infinity
    while (Date.now() - filed < 3000) {
      if ((await numbersInTile(path)).includes(number)) {
        seenAfter = Date.now() - filed
        break
      }
      await new Promise((r) => setTimeout(r, 25))
    }
    console.log(`new appeal visible in its tile after ${seenAfter} ms`)
    expect(seenAfter).toBeLessThanOrEqual(1000)
  })

  it('carries number, status, category, date and the synthetic flag, never the text or the contact', async () => {
    const at = { lat: 50.4522, lon: 30.5301 }
    const res = await postJson(app, '/api/appeals', appealBody({ ...at, description: 'Текст звернення не для тайлів', contact: { name: 'Тарас Тайловий', email: 'tile@example.com', phone: '+380441112233' } }))
    const { number } = (await res.json()) as { number: string }
    const t = lonLatToTile(at.lon, at.lat, 17)
    await new Promise((r) => setTimeout(r, 600))
    const tile = await app.request(`/tiles/kyiv-appeals/17/${t.x}/${t.y}.mvt`)
    const props = tileProperties(decodeTile(await bodyBytes(tile)), 'kyiv-appeals').find((p) => p.number === number)
    expect(props).toEqual({ number, status: 'new', category: 'pothole', created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), synthetic: false })
    const raw = Buffer.from(await bodyBytes(await app.request(`/tiles/kyiv-appeals/17/${t.x}/${t.y}.mvt`))).toString('latin1')
    for (const secret of ['tile@example.com', '+380441112233']) expect(raw).not.toContain(secret)
    expect(Buffer.from(raw, 'latin1').toString('utf8')).not.toContain('Тарас Тайловий')
  })
})
