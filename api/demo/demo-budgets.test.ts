import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { computeResults, parseBallotsCsv } from '../budgets/index.ts'
import { makeApp, type TestApp } from '../testing.ts'
import { DEMO_FINISHED_TITLE, DEMO_VOTING_TITLE } from './demo-budget-texts.ts'
import { hryvnias, seedDemoBudgets } from './demo-budgets.ts'

let database: Database
let api: TestApp

interface Edition {
  id: number
  title: { uk: string }
  phase: string | null
  past: boolean
  synthetic: boolean
  results_published: boolean
  pots: Array<{ key: string; money: number }>
  proposals: { submitted: number; feasible: number; winners: number }
}

async function get<T>(path: string): Promise<T> {
  const res = await api.app.request(path)
  expect(res.status, path).toBe(200)
  return (await res.json()) as T
}

async function editionTitled(city: string, title: string): Promise<Edition> {
  const found = (await get<Edition[]>(`/api/budgets?city=${city}`)).filter((e) => e.title.uk === title)
  expect(found, title).toHaveLength(1)
  return found[0]!
}

beforeAll(async () => {
  database = await openTestDatabase()
  api = await makeApp(database)
  await seedDemoBudgets(database.db)
})
afterAll(async () => {
  await database.close()
})

describe('the demo budgets', () => {
  it('read the amounts as the Marhanets source writes them', () => {
    expect(hryvnias('90 000 грн.')).toBe(90_000)
    expect(hryvnias('1 250 000 грн')).toBe(1_250_000)
    expect(hryvnias('—')).toBeNull()
    expect(hryvnias(null)).toBeNull()
  })

  it('load Marhanets 2019 as a past edition with the votes and costs the city published', async () => {
    const edition = await editionTitled('marhanets', 'Бюджет участі Марганця 2019')
    expect(edition).toMatchObject({ past: true, synthetic: false, results_published: true })
    const { rows } = await sql<{ votes: string; total: string }>`SELECT properties ->> 'votes' AS votes, properties ->> 'total_budget' AS total FROM features WHERE layer_id = 'marhanets-participatory-budget'`.execute(database.db)
    const results = await get<{ winners: Array<{ votes: number; cost: number }>; ballots_csv: string | null }>(`/api/budgets/${edition.id}/results`)
    expect(results.ballots_csv).toBeNull()
    expect(results.winners.map((w) => w.votes).sort()).toEqual(rows.map((r) => Number(r.votes)).sort())
    expect(results.winners.reduce((s, w) => s + w.cost, 0)).toBe(rows.reduce((s, r) => s + hryvnias(r.total)!, 0))
  })

  it('count the synthetic finished Kyiv edition from ballots anyone can recompute, its winners being built', async () => {
    const edition = await editionTitled('kyiv', DEMO_FINISHED_TITLE.uk)
    expect(edition).toMatchObject({ synthetic: true, phase: 'implementation', results_published: true })
    const results = await get<{ winners: Array<{ id: string }>; ballots_csv: string; sha256: string }>(`/api/budgets/${edition.id}/results`)
    expect(results.winners.length).toBeGreaterThan(0)
    const csv = await (await api.app.request(new URL(results.ballots_csv).pathname)).text()
    expect(createHash('sha256').update(csv).digest('hex')).toBe(results.sha256)
    const proposals = await get<Array<{ id: string; pot: string; cost: number; status: string; synthetic: boolean; implementation: { milestones: unknown[] } | null }>>(`/api/budgets/${edition.id}/proposals`)
    expect(proposals.every((p) => p.synthetic)).toBe(true)
    const recomputed = computeResults(edition.pots, proposals.map((p) => ({ id: p.id, pot: p.pot, cost: p.cost, feasible: p.status === 'feasible' })), parseBallotsCsv(csv), { minVotes: 0 })
    expect(recomputed.winners.map((w) => w.id).sort()).toEqual(results.winners.map((w) => w.id).sort())
    const built = proposals.filter((p) => p.implementation)
    expect(built.length).toBe(results.winners.length)
    expect(built.every((p) => p.implementation!.milestones.length > 0)).toBe(true)
  })

  it('open the synthetic Kyiv 2027 edition for voting, and add nothing when run again', async () => {
    const edition = await editionTitled('kyiv', DEMO_VOTING_TITLE.uk)
    expect(edition).toMatchObject({ synthetic: true, phase: 'voting', results_published: false })
    expect(edition.proposals.feasible).toBeGreaterThan(5)
    expect(edition.proposals.submitted).toBeGreaterThan(edition.proposals.feasible)
    const count = async () => (await sql<{ n: number }>`SELECT (SELECT count(*) FROM budget_editions) + (SELECT count(*) FROM budget_proposals) + (SELECT count(*) FROM budget_ballots) AS n`.execute(database.db)).rows[0]!.n
    const before = await count()
    await seedDemoBudgets(database.db)
    expect(await count()).toBe(before)
  })

  it('draw every public demo proposal in its city’s layer, marked synthetic where it is', async () => {
    const { rows } = await sql<{ layer: string; synthetic: string; n: number }>`
      SELECT f.layer_id AS layer, f.properties ->> 'synthetic' AS synthetic, count(*)::int AS n FROM features f
       WHERE f.layer_id IN ('kyiv-budget-proposals', 'marhanets-budget-proposals') GROUP BY 1, 2 ORDER BY 1, 2`.execute(database.db)
    expect(rows).toContainEqual(expect.objectContaining({ layer: 'marhanets-budget-proposals', synthetic: 'false' }))
    expect(rows).toContainEqual(expect.objectContaining({ layer: 'kyiv-budget-proposals', synthetic: 'true' }))
  })
})
