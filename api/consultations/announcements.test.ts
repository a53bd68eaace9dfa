import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { type SignedIn, signInAs } from '../auth/testing.ts'
import { createApp, type App } from '../index.ts'
import { checkedAgainstContract } from '../openapi/index.ts'
import { createTestLayer, dropTestLayers, testAppDeps, testLayerDefinition, uniqueLayerId } from '../testing.ts'
import { TileService } from '../../tiles/index.ts'
import { announceOpenedConsultations } from './index.ts'

let database: Database
let app: App
let planner: SignedIn
const plan = uniqueLayerId('test-announce-plan')
const run = randomUUID().slice(0, 8)
const DAY = 86_400_000
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString()

// A block on Kyiv's left bank, away from the other tests' plans.
const BLOCK = { lon: 30.62, lat: 50.44 }
const who = {
  near: `near-${run}@example.org`,
  district: `district-${run}@example.org`,
  far: `far-${run}@example.org`,
  unconfirmed: `unconfirmed-${run}@example.org`,
}

async function subscribe(email: string, area: { lon: number; lat: number; radius: number } | { districtOf: [number, number] }, confirmed = true): Promise<void> {
  const token = `t-${randomUUID()}`
  if ('districtOf' in area) {
    await sql`
      INSERT INTO appeal_subscriptions (email, city_id, district_id, token, confirmed_at)
      SELECT ${email}, 'kyiv', d.id, ${token}, now() FROM districts d
       WHERE d.city_id = 'kyiv' AND ST_Intersects(d.geom, ST_Point(${area.districtOf[0]}, ${area.districtOf[1]}, 4326)) LIMIT 1`.execute(database.db)
    return
  }
  await sql`
    INSERT INTO appeal_subscriptions (email, city_id, center, radius_m, token, confirmed_at)
    VALUES (${email}, 'kyiv', ST_Point(${area.lon}, ${area.lat}, 4326), ${area.radius}, ${token}, ${confirmed ? sql`now()` : null})`.execute(database.db)
}

async function notices(email: string): Promise<string[]> {
  const { rows } = await sql<{ body: string }>`SELECT body FROM outbox WHERE to_address = ${email} AND kind = 'consultation-open' ORDER BY id`.execute(database.db)
  return rows.map((r) => r.body)
}

beforeAll(async () => {
  database = await openTestDatabase()
  const tiles = await TileService.create(database.db)
  app = checkedAgainstContract(createApp(testAppDeps(database, tiles, { trustProxy: true })))
  planner = await signInAs(app, 'planner')
  const square = (x: number, y: number) => ({ properties: { name: 'квартал' }, geometry: { type: 'Polygon' as const, coordinates: [[[x, y], [x + 0.002, y], [x + 0.002, y + 0.002], [x, y + 0.002], [x, y]]] } })
  await createTestLayer(database.db, testLayerDefinition(plan, { geometryType: 'polygon' }), [square(BLOCK.lon, BLOCK.lat)])
  await sql`UPDATE layers SET status = 'consultation' WHERE id = ${plan}`.execute(database.db)
  await subscribe(who.near, { lon: BLOCK.lon + 0.004, lat: BLOCK.lat, radius: 500 })
  await subscribe(who.district, { districtOf: [BLOCK.lon + 0.001, BLOCK.lat + 0.001] })
  await subscribe(who.far, { lon: 30.4, lat: 50.5, radius: 300 })
  await subscribe(who.unconfirmed, { lon: BLOCK.lon, lat: BLOCK.lat, radius: 1000 }, false)
})
afterAll(async () => {
  await sql`DELETE FROM appeal_subscriptions WHERE email LIKE ${`%-${run}@example.org`}`.execute(database.db)
  await dropTestLayers(database.db, plan)
  await database.close()
})

describe('residents who follow an area', () => {
  it('are told once when a consultation on a plan there opens, and only they', async () => {
    const res = await planner.post('/api/consultations', { layer: plan, starts_at: iso(-60_000), ends_at: iso(20 * DAY), title: { uk: 'Квартал на лівому березі', en: 'A left-bank block' } })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const [near] = await notices(who.near)
    expect(near).toContain('Квартал на лівому березі')
    expect(near).toContain(`/planning/consultations/${id}`)
    expect(near).toMatch(/\/api\/appeal-subscriptions\/unsubscribe\?token=t-/)
    expect(await notices(who.district)).toHaveLength(1)
    expect(await notices(who.far)).toEqual([])
    expect(await notices(who.unconfirmed)).toEqual([])
    // Once: another round finds nothing new for them.
    await announceOpenedConsultations(database.db, 'https://map.example')
    expect(await notices(who.near)).toHaveLength(1)
  })

  it('hear of a consultation that opens later when it opens, not before', async () => {
    const res = await planner.post('/api/consultations', { layer: plan, starts_at: iso(2 * DAY), ends_at: iso(30 * DAY), title: { uk: 'Друге обговорення', en: 'Second round' } })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    await announceOpenedConsultations(database.db, 'https://map.example')
    expect((await notices(who.near)).filter((b) => b.includes('Друге обговорення'))).toEqual([])
    await sql`UPDATE consultations SET starts_at = now() - interval '1 minute' WHERE id = ${id}`.execute(database.db)
    await announceOpenedConsultations(database.db, 'https://map.example')
    expect((await notices(who.near)).filter((b) => b.includes('Друге обговорення'))).toHaveLength(1)
  })
})
