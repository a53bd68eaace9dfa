/**
 * The demo participatory budgets: Marhanets's real winners of 2019 as a past edition with the
 * votes and money the city published; and two synthetic editions of Kyiv, marked so in their
 * titles and on every proposal — one finished, its winners counted from synthetic paper ballots
 * and being built, and one in its voting phase for the demo resident to vote in. Written with
 * the budget module's own queries, each edition in one transaction; no mail is left behind.
 */
import type { Kysely, Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import {
  countAndPublish,
  ensureProposalsLayer,
  findEdition,
  insertEdition,
  insertMilestone,
  insertPaperBallots,
  insertProposal,
  newReceipt,
  type PhaseWindow,
  precheckPlace,
  publishPastTotals,
  replacePhases,
  replacePots,
  setReview,
  updateImplementation,
} from '../budgets/index.ts'
import type { BudgetRules, ProposalGeometry } from '../contract/index.ts'
import { DEMO_ACCOUNTS } from './demo-accounts.ts'
import { DEMO_FINISHED_TITLE, DEMO_MILESTONES, DEMO_PROPOSALS, DEMO_VOTING_TITLE, type DemoProposalText } from './demo-budget-texts.ts'
import { backdateEdition, districtsNamed, editionExists, listLayerProjects, lockDemoBudgets, pointInDistrict, unlockDemoBudgets } from './demo-budgets.queries.ts'
import { findAccountId } from './demo-consultation.queries.ts'
import { type Random, seededRandom, seedFor } from './seeded-random.ts'

const DAY_MS = 86_400_000
const DEMO_SEED = 2027
const MARHANETS_LAYER = 'marhanets-participatory-budget'
const MARHANETS_TITLE = { uk: 'Бюджет участі Марганця 2019', en: 'Marhanets participatory budget 2019' }
/** The districts of central Kyiv the synthetic editions fund. */
const KYIV_DISTRICTS = ['Печерський район', 'Шевченківський район', 'Подільський район']
/** Synthetic paper ballots of the finished edition. */
const FINISHED_BALLOTS = 420

const KYIV_RULES: BudgetRules = { voting: 'approval', votes_per_voter: 5, min_cost: 50_000, max_cost: 3_000_000, verified_only: false, min_age: 14, residence_declaration: true, min_votes: 0 }

/** "90 000 грн." → 90000; null when there is no number. */
export function hryvnias(text: string | null): number | null {
  const digits = text?.replace(/[^\d]/g, '') ?? ''
  return digits === '' ? null : Number(digits)
}

const MARHANETS_CATEGORY: Record<string, DemoProposalText['category']> = { Спорт: 'sport', Освіта: 'education', Енергозбереження: 'energy' }

/** Phases laid end to end from `start`, each `days` long; the last one `lastDays`. */
function phasesFrom(start: Date, days: readonly number[]): PhaseWindow[] {
  const names = ['submission', 'review', 'voting', 'results', 'implementation'] as const
  let at = start.getTime()
  return names.map((name, i) => {
    const phase = { name, startsAt: new Date(at), endsAt: new Date(at + days[i]! * DAY_MS) }
    at = phase.endsAt.getTime()
    return phase
  })
}

/** A square of `side` metres around a point. */
function squareAround([lon, lat]: [number, number], side: number): ProposalGeometry {
  const dLat = side / 2 / 111_320
  const dLon = side / 2 / (111_320 * Math.cos((lat * Math.PI) / 180))
  return { type: 'Polygon', coordinates: [[[lon - dLon, lat - dLat], [lon + dLon, lat - dLat], [lon + dLon, lat + dLat], [lon - dLon, lat + dLat], [lon - dLon, lat - dLat]]] }
}

/** Marhanets's 2019 winners as the city published them: costs as items, votes as totals; the rules and dates the source lacks said so. */
async function writeMarhanets(trx: Transaction<DB>, cityName: LocalizedJson): Promise<number> {
  const projects = (await listLayerProjects(trx, MARHANETS_LAYER)).map((p) => ({ ...p, total: hryvnias(p.total_budget), votesCount: hryvnias(p.votes) }))
  const usable = projects.filter((p) => p.total !== null && p.votesCount !== null)
  if (usable.length === 0) return 0
  const total = usable.reduce((s, p) => s + p.total!, 0)
  // The city's projects are published under the source's terms; residents' later ones join them.
  await ensureProposalsLayer(trx, 'marhanets', cityName, {
    licence: 'MIT (dnipro-map repository); public city council data; new proposals CC-BY-4.0',
    attribution: 'Marhanets City Council; dnipro-map (Dmitry Udod); Hromada Map residents',
  })
  const edition = await insertEdition(trx, {
    city: 'marhanets',
    year: 2019,
    title: MARHANETS_TITLE,
    description: {
      uk: 'Проєкти-переможці з кошторисом (кошти міського бюджету та власний внесок) і кількістю голосів, як їх оприлюднила міська рада (набір dnipro-map). Правила голосування й дати етапів у наборі не наведено: дати тут умовні.',
      en: 'The winning projects with their costs (city money and own contribution) and votes, as the city council published them (dnipro-map data set). The data set gives neither the voting rules nor the dates of the phases: the dates here are placeholders.',
    },
    total,
    rules: { voting: 'approval', votes_per_voter: 1, min_cost: 0, max_cost: null, verified_only: false, min_age: null, residence_declaration: false, min_votes: 0 },
    past: true,
    createdBy: null,
  })
  await replacePhases(trx, edition, phasesFrom(new Date('2019-03-01T00:00:00Z'), [61, 31, 30, 15, 169]))
  await replacePots(trx, edition, [{ district_id: null, size_class: null, money: total, max_cost: null }])
  const totals: Array<{ id: string; pot: string; cost: number; votes: number; won: boolean }> = []
  for (const p of usable) {
    const items: Array<{ name: string; amount: number }> = []
    const [city, own] = [hryvnias(p.city_budget), hryvnias(p.own_budget)]
    if (city) items.push({ name: 'Кошти міського бюджету', amount: city })
    if (own) items.push({ name: 'Власний внесок', amount: own })
    if (items.reduce((s, i) => s + i.amount, 0) !== p.total) items.splice(0, items.length, { name: 'Загальна вартість', amount: p.total! })
    const id = await insertProposal(trx, {
      editionId: edition,
      authorId: null,
      title: p.address ? `${p.name} (${p.address})` : p.name,
      description: `${p.name}${p.address ? `, ${p.address}` : ''}. Проєкт-переможець бюджету участі Марганця 2019 року за даними міської ради.`,
      category: MARHANETS_CATEGORY[p.type ?? ''] ?? 'other',
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      districtId: null,
      pot: 'city',
      costItems: items,
      status: 'feasible',
      precheck: null,
    })
    totals.push({ id: String(id), pot: 'city', cost: p.total!, votes: p.votesCount!, won: true })
  }
  await publishPastTotals(trx, edition, totals)
  for (const t of totals) {
    await updateImplementation(trx, Number(t.id), { note: 'Стан реалізації в наборі даних не наведено. / The data set does not give the state of construction.' })
  }
  await backdateEdition(trx, edition, { created: new Date('2019-03-01T00:00:00Z'), submitted: new Date('2019-04-15T09:00:00Z'), reviewed: new Date('2019-05-20T09:00:00Z'), voted: new Date('2019-06-15T12:00:00Z') })
  return usable.length
}

/** A synthetic Kyiv edition: its proposals in the central districts, reviewed as the texts say. */
async function writeSyntheticKyiv(
  trx: Transaction<DB>,
  spec: { title: LocalizedJson; year: number; phases: PhaseWindow[]; texts: readonly DemoProposalText[]; reviewer: number | null; random: Random },
): Promise<{ edition: number; proposals: number[] } | undefined> {
  const districts = await districtsNamed(trx, 'kyiv', KYIV_DISTRICTS)
  if (districts.length === 0) return undefined
  const edition = await insertEdition(trx, {
    city: 'kyiv',
    year: spec.year,
    title: spec.title,
    description: {
      uk: 'Демонстраційне видання: пропозиції, голоси й хід реалізації вигадані (синтетичні дані), місця — у реальних районах Києва. Перевірка місця використовує реальні шари міста.',
      en: "A demonstration edition: proposals, votes and construction are made up (synthetic data); the places are in Kyiv's real districts. The pre-check of each place reads the city's real layers.",
    },
    total: 2_000_000 * districts.length,
    rules: KYIV_RULES,
    synthetic: true,
    createdBy: null,
  })
  await replacePhases(trx, edition, spec.phases)
  await replacePots(trx, edition, districts.map((d) => ({ district_id: d.id, size_class: null, money: 2_000_000, max_cost: null })))
  const row = (await findEdition(trx, edition))!
  const proposals: number[] = []
  for (const [i, text] of spec.texts.entries()) {
    const district = districts[i % districts.length]!
    const point = await pointInDistrict(trx, district.id, Math.floor(spec.random() * 1_000_000))
    const geometry: ProposalGeometry = text.areaSide ? squareAround(point, text.areaSide) : { type: 'Point', coordinates: point }
    const costItems = text.items.map(([name, amount]) => ({ name, amount }))
    const cost = costItems.reduce((s, c) => s + c.amount, 0)
    const precheck = await precheckPlace(trx, row, geometry, cost)
    const id = await insertProposal(trx, { editionId: edition, authorId: null, title: text.title, description: text.description, category: text.category, geometry, districtId: district.id, pot: `d${district.id}`, costItems, status: 'submitted', precheck, synthetic: true })
    await setReview(trx, id, { feasible: text.notFeasible === undefined, reason: text.notFeasible ?? 'Реалізація можлива на комунальній землі; кошторис відповідає ринковим цінам.', cost, costNote: '', pot: `d${district.id}`, userId: spec.reviewer })
    proposals.push(id)
  }
  return { edition, proposals }
}

/** Synthetic paper ballots: each chooses up to five proposals, some more popular than others. */
function syntheticBallots(proposals: readonly number[], count: number, random: Random): Array<{ receipt: string; proposals: string[] }> {
  const weights = proposals.map((_, i) => 1 / (i + 1.5))
  return Array.from({ length: count }, () => {
    const chosen = new Set<string>()
    const wanted = 1 + Math.floor(random() * 5)
    for (let k = 0; k < wanted; k++) {
      const r = random() * weights.reduce((a, b) => a + b, 0)
      let acc = 0
      const at = weights.findIndex((w) => (acc += w) >= r)
      chosen.add(String(proposals[Math.max(at, 0)]))
    }
    return { receipt: newReceipt(), proposals: [...chosen] }
  })
}

/**
 * Writes the demo budgets that are missing: Marhanets 2019 (when its layer is loaded), and the
 * synthetic Kyiv editions (when Kyiv's districts are). Running it again adds nothing.
 */
export async function seedDemoBudgets(db: Kysely<DB>, log: (line: string) => void = () => {}): Promise<void> {
  await db.connection().execute(async (conn) => {
    await lockDemoBudgets(conn)
    try {
      const names = new Map((await conn.selectFrom('cities').select(['id', 'name']).execute()).map((c) => [c.id, c.name]))
      const reviewer = (await findAccountId(conn, DEMO_ACCOUNTS.find((a) => a.role === 'budget_admin')!.email)) ?? null
      const now = Date.now()
      if (names.has('marhanets') && !(await editionExists(conn, 'marhanets', MARHANETS_TITLE.uk))) {
        const written = await conn.transaction().execute((trx) => writeMarhanets(trx, names.get('marhanets')!))
        if (written > 0) log(`demo budgets: Marhanets 2019 — ${written} winning projects with their published votes`)
      }
      if (!names.has('kyiv')) return
      const random = seededRandom(seedFor(DEMO_SEED, 'kyiv-budgets'))
      if (!(await editionExists(conn, 'kyiv', DEMO_FINISHED_TITLE.uk))) {
        const written = await conn.transaction().execute(async (trx) => {
          await ensureProposalsLayer(trx, 'kyiv', names.get('kyiv')!)
          const start = new Date(now - 330 * DAY_MS)
          const made = await writeSyntheticKyiv(trx, { title: DEMO_FINISHED_TITLE, year: 2026, phases: phasesFrom(start, [45, 30, 30, 15, 390]), texts: DEMO_PROPOSALS.slice(0, 7), reviewer, random })
          if (!made) return 0
          await insertPaperBallots(trx, { editionId: made.edition, batch: 'Синтетичні бюльтені (демо)', enteredBy: reviewer, ballots: syntheticBallots(made.proposals, FINISHED_BALLOTS, random) })
          const { lines } = await countAndPublish(trx, (await findEdition(trx, made.edition))!, [])
          const winners = lines.filter((l) => l.won)
          for (const [i, winner] of winners.entries()) {
            const reached = DEMO_MILESTONES.slice(0, 1 + (i % DEMO_MILESTONES.length))
            for (const [k, m] of reached.entries()) await insertMilestone(trx, Number(winner.id), { title: m.title, note: '', due_on: null, done_on: new Date(now - (150 - 30 * k) * DAY_MS).toISOString().slice(0, 10) })
            const last = reached.at(-1)!
            await updateImplementation(trx, Number(winner.id), { status: last.status, progress: last.progress, spent: Math.round((winner.cost * last.progress) / 100), ...(last.progress >= 30 && { prozorro_id: `UA-2026-0${3 + i}-1${i}-00${1234 + i}-a` }) })
          }
          await backdateEdition(trx, made.edition, { created: start, submitted: new Date(start.getTime() + 20 * DAY_MS), reviewed: new Date(start.getTime() + 60 * DAY_MS), voted: new Date(start.getTime() + 90 * DAY_MS) })
          return winners.length
        })
        if (written > 0) log(`demo budgets: Kyiv 2026 (synthetic) — ${FINISHED_BALLOTS} synthetic paper ballots counted, ${written} winners being built`)
      }
      if (!(await editionExists(conn, 'kyiv', DEMO_VOTING_TITLE.uk))) {
        const written = await conn.transaction().execute(async (trx) => {
          await ensureProposalsLayer(trx, 'kyiv', names.get('kyiv')!)
          const start = new Date(now - 45 * DAY_MS)
          const made = await writeSyntheticKyiv(trx, { title: DEMO_VOTING_TITLE, year: 2027, phases: phasesFrom(start, [20, 20, 15, 10, 365]), texts: DEMO_PROPOSALS.slice(7).concat(DEMO_PROPOSALS.slice(0, 5)), reviewer, random })
          if (!made) return 0
          await backdateEdition(trx, made.edition, { created: start, submitted: new Date(start.getTime() + 10 * DAY_MS), reviewed: new Date(start.getTime() + 30 * DAY_MS), voted: new Date(now) })
          return made.proposals.length
        })
        if (written > 0) log(`demo budgets: Kyiv 2027 (synthetic) — ${written} proposals, voting open`)
      }
    } finally {
      await unlockDemoBudgets(conn)
    }
  })
}
