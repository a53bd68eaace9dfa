import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { ANSWER_OUTCOMES } from '../contract/index.ts'
import { bodyBytes, makeApp, type TestApp } from '../testing.ts'
import { DEMO_ZONING_LAYER, DEMO_ZONES, zoneOf } from './demo-zoning-plan.ts'
import { loadDemoData } from './index.ts'

let database: Database
let api: TestApp

beforeAll(async () => {
  database = await openTestDatabase()
  api = await makeApp(database)
})
afterAll(async () => {
  await database.close()
})

interface ListedConsultation {
  id: number
  layer: string
  status: string
  title: { uk: string; en: string }
  comments: number
  answered: number
}

/** The demo consultation as the public list shows it. */
async function demoConsultation(): Promise<ListedConsultation> {
  const res = await api.app.request('/api/consultations?city=kyiv')
  expect(res.status).toBe(200)
  const found = ((await res.json()) as ListedConsultation[]).filter((c) => c.layer === DEMO_ZONING_LAYER)
  expect(found).toHaveLength(1)
  return found[0]!
}

/** What the demo wrote, counted in the database. */
async function demoCounts() {
  const { rows } = await sql<Record<string, number>>`
    SELECT (SELECT count(*) FROM layers WHERE id = ${DEMO_ZONING_LAYER})::int AS layers,
           (SELECT count(*) FROM features WHERE layer_id = ${DEMO_ZONING_LAYER})::int AS features,
           (SELECT count(*) FROM layer_versions WHERE layer_id = ${DEMO_ZONING_LAYER})::int AS versions,
           (SELECT count(*) FROM consultations WHERE layer_id = ${DEMO_ZONING_LAYER})::int AS consultations,
           (SELECT count(*) FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id WHERE c.layer_id = ${DEMO_ZONING_LAYER})::int AS comments,
           (SELECT coalesce(sum(last), 0) FROM consultation_counters)::int AS receipts,
           (SELECT count(*) FROM audit_log WHERE object_id = ${DEMO_ZONING_LAYER})::int AS audit,
           (SELECT count(*) FROM layer_uploads)::int AS uploads,
           (SELECT count(*) FROM outbox)::int AS mail`.execute(database.db)
  return rows[0]!
}

describe('the demo zoning plan', () => {
  it('is a public, synthetic urban-planning layer under consultation, at its first revision', async () => {
    const res = await api.app.request(`/api/layers/${DEMO_ZONING_LAYER}`)
    expect(res.status).toBe(200)
    const layer = (await res.json()) as { synthetic: boolean; theme: string; title: { uk: string; en: string }; description: { uk: string; en: string }; feature_count: number; style: { categoryField?: string; categories?: Array<{ value: string }> } }
    expect(layer).toMatchObject({ synthetic: true, theme: 'urban-planning', style: { categoryField: 'zone' } })
    expect(layer.title.uk).toMatch(/Синтетичний приклад/)
    expect(layer.title.en).toMatch(/Synthetic example/)
    expect(layer.description.uk).toMatch(/синтетичн/i)
    expect(layer.description.en).toMatch(/synthetic/i)
    expect(layer.style.categories!.map((c) => c.value).sort()).toEqual(DEMO_ZONES.map((z) => z.value).sort())
    expect(layer.feature_count).toBeGreaterThanOrEqual(200)
    expect(layer.feature_count).toBeLessThanOrEqual(500)
    const { rows } = await sql<{ status: string; document_type: string; developer: string; revisions: number[] }>`
      SELECT status, document_type, developer, (SELECT array_agg(revision ORDER BY revision) FROM layer_versions WHERE layer_id = l.id) AS revisions
        FROM layers l WHERE id = ${DEMO_ZONING_LAYER}`.execute(database.db)
    expect(rows[0]).toMatchObject({ status: 'consultation', document_type: 'detailed-plan', revisions: [1] })
    expect(rows[0]!.developer).toMatch(/синтетичн/i)
  })

  it('zones each real parcel by a seeded rule: the same parcel always gets the same zone', async () => {
    const { rows } = await sql<{ cadnum: string; category: string | null; zone: string }>`
      SELECT z.properties->>'cadnum' AS cadnum, p.properties->>'category' AS category, z.properties->>'zone' AS zone
        FROM features z JOIN features p ON p.layer_id = 'kyiv-land-parcels' AND p.properties->>'cadnum' = z.properties->>'cadnum'
       WHERE z.layer_id = ${DEMO_ZONING_LAYER}`.execute(database.db)
    expect(rows.length).toBeGreaterThanOrEqual(200)
    for (const r of rows) expect(r.zone, r.cadnum).toBe(zoneOf(r.cadnum, r.category).value)
    expect(new Set(rows.map((r) => r.zone)).size).toBe(DEMO_ZONES.length)
  })
})

describe('the demo consultation', () => {
  it('is listed for Kyiv, open, marked synthetic, with more comments than answers', async () => {
    const c = await demoConsultation()
    expect(c.status).toBe('open')
    expect(c.title.uk).toMatch(/Синтетичний приклад/)
    expect(c.title.en).toMatch(/Synthetic example/)
    expect(c.comments).toBeGreaterThanOrEqual(8)
    expect(c.answered).toBeLessThan(c.comments)
    expect(c.answered).toBeGreaterThan(c.comments / 2)
  })

  it('shows comments on features and on points, all inside the extent, with the answers and their outcomes', async () => {
    const c = await demoConsultation()
    const res = await api.app.request(`/api/consultations/${c.id}/comments`)
    expect(res.status).toBe(200)
    const comments = (await res.json()) as Array<{ receipt: string; feature_id: number | null; answer: { outcome: string; text: string } | null }>
    expect(comments).toHaveLength(c.comments)
    for (const k of comments) expect(k.receipt).toMatch(/^KYIV-K-\d{4}-\d{6}$/)
    expect(comments.filter((k) => k.feature_id !== null).length).toBeGreaterThan(0)
    expect(comments.filter((k) => k.feature_id === null).length).toBeGreaterThan(0)
    const answers = comments.flatMap((k) => (k.answer ? [k.answer] : []))
    expect(answers).toHaveLength(c.answered)
    expect(new Set(answers.map((a) => a.outcome))).toEqual(new Set(ANSWER_OUTCOMES))
    for (const a of answers) expect(a.text.length, a.outcome).toBeGreaterThan(10)
    const { rows } = await sql<{ inside: boolean; of_layer: boolean | null }>`
      SELECT ST_Covers(c.extent, k.geom) AS inside,
             CASE WHEN k.feature_id IS NULL THEN NULL ELSE EXISTS (SELECT 1 FROM features f WHERE f.layer_id = c.layer_id AND f.id = k.feature_id) END AS of_layer
        FROM consultation_comments k JOIN consultations c ON c.id = k.consultation_id WHERE c.id = ${c.id}`.execute(database.db)
    expect(rows.every((r) => r.inside && r.of_layer !== false)).toBe(true)
  })

  it('downloads its protocol as CSV, one row per comment', async () => {
    const c = await demoConsultation()
    const res = await api.app.request(`/api/consultations/${c.id}/protocol.csv`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/^text\/csv/)
    const text = new TextDecoder().decode((await bodyBytes(res)).slice(3))
    expect(text.trim().split('\r\n').filter((l) => /^"?KYIV-K-/.test(l))).toHaveLength(c.comments)
    expect(text).toContain(`unanswered,${c.comments - c.answered}`)
  })
})

describe('loading the demo again', () => {
  it('adds nothing', async () => {
    const before = await demoCounts()
    expect(before).toMatchObject({ layers: 1, versions: 1, consultations: 1 })
    await loadDemoData(database.db)
    expect(await demoCounts()).toEqual(before)
  })
})
