/**
 * The plan of a city's synthetic demo appeals: what was filed when and where, in which words,
 * and how far each got through the workflow. Pure and seeded: the same options give the same
 * plan, with every date relative to the seeding moment.
 */
import type { AppealStatus } from '../appeals/index.ts'
import { AppealLife, drawFate, tellStory, type PlannedEvent } from './synthetic-appeal-story.ts'
import { answersFor, describeAppeal, drawDetail } from './synthetic-appeal-texts.ts'
import { chance, exponential, pickWeighted, seededRandom, seedFor, uniform, type Random } from './seeded-random.ts'

/** A category as the planner needs it. */
export interface SyntheticCategory {
  id: string
  termDays: number
}

/**
 * Where an appeal lies, relative to the city's anchors (its mapped point features): which
 * anchor, as a fraction of the seeded anchor order, and the distance and bearing from it.
 */
export interface PlannedPlace {
  anchor: number
  distanceM: number
  bearing: number
}

/** One synthetic appeal, with the fields of its `appeals` row and its timeline. */
export interface PlannedAppeal {
  category: string
  createdAt: Date
  description: string
  answers: Record<string, unknown>
  isPublic: boolean
  place: PlannedPlace
  status: AppealStatus
  dueAt: Date
  extendedAt: Date | null
  resolvedAt: Date | null
  confirmedAt: Date | null
  reopenCount: number
  rejectionReason: string | null
  /** Index in the plan of the earlier appeal this one repeats. */
  duplicateOf: number | null
  supporters: number
  events: PlannedEvent[]
}

export interface PlanOptions {
  seed: number
  city: string
  count: number
  /** The seeding moment: every date lies in the 365 days before it. */
  now: Date
  categories: readonly SyntheticCategory[]
}

const DAY_MS = 86_400_000
const YEAR_DAYS = 365

// Appeals per 100, before the season. Potholes, lights and waste dominate every city's list.
const CATEGORY_WEIGHTS: Readonly<Record<string, number>> = {
  pothole: 16, 'street-light': 13, 'waste-overflow': 12, 'illegal-dump': 7, sidewalk: 6, yard: 6, greenery: 5,
  'water-outage': 4, 'heating-outage': 4, 'sewer-leak': 4, 'road-marking': 3, playground: 3, mowing: 3,
  'transport-stop': 3, 'power-outage': 3, 'stray-animals': 3, 'unlicensed-trade': 2, 'illegal-construction': 2,
  accessibility: 2, 'damaged-building': 2, other: 2,
}

// Kharkiv is shelled far more often than the other demo cities.
const CITY_WEIGHTS: Readonly<Record<string, Readonly<Record<string, number>>>> = { kharkiv: { 'damaged-building': 7 } }

// Months (1–12) a category is reported in: the heating season, the mowing season.
const SEASONS: Readonly<Record<string, readonly number[]>> = {
  'heating-outage': [10, 11, 12, 1, 2, 3, 4],
  mowing: [5, 6, 7, 8, 9],
}

// After the thaw the roads break up.
const SPRING_POTHOLES = [3, 4]

// Appeals by hour of the day, Kyiv time: mornings and evenings, few at night.
const HOUR_WEIGHTS = new Map([1, 0.5, 0.3, 0.2, 0.2, 0.4, 1, 3, 6, 8, 8, 7, 6, 6, 6, 6, 6, 7, 8, 8, 7, 5, 3, 2].map((w, hour) => [hour, w]))

const KYIV_CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Kyiv',
  year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23',
})

interface WallClock {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  weekend: boolean
}

function kyivClock(at: Date): WallClock {
  const parts = Object.fromEntries(KYIV_CLOCK.formatToParts(at).map((p) => [p.type, p.value]))
  return {
    year: Number(parts.year), month: Number(parts.month), day: Number(parts.day),
    hour: Number(parts.hour), minute: Number(parts.minute), weekend: parts.weekday === 'Sat' || parts.weekday === 'Sun',
  }
}

/** The moment the Kyiv clock shows `hour`:00 on the Kyiv date of `day`. */
function atKyivHour(day: Date, hour: number): Date {
  const d = kyivClock(day)
  const guess = Date.UTC(d.year, d.month - 1, d.day, hour)
  const shown = kyivClock(new Date(guess))
  const offset = Date.UTC(shown.year, shown.month - 1, shown.day, shown.hour, shown.minute) - guess
  return new Date(guess - offset)
}

/** When an appeal was filed: half evenly over the year, half in the last weeks; fewer at weekends. */
function drawCreatedAt(random: Random, now: Date): Date {
  for (;;) {
    const ageDays = chance(random, 0.55) ? random() * YEAR_DAYS : exponential(random, 35)
    const hour = pickWeighted(random, HOUR_WEIGHTS)
    const at = new Date(atKyivHour(new Date(now.getTime() - ageDays * DAY_MS), hour).getTime() + Math.floor(random() * 3600) * 1000)
    const age = now.getTime() - at.getTime()
    if (age <= 0 || age > YEAR_DAYS * DAY_MS) continue
    if (kyivClock(at).weekend && chance(random, 0.35)) continue
    return at
  }
}

function categoryWeights(categories: readonly SyntheticCategory[], city: string, month: number): Map<SyntheticCategory, number> {
  return new Map(
    categories.map((c) => {
      const base = CITY_WEIGHTS[city]?.[c.id] ?? CATEGORY_WEIGHTS[c.id] ?? 1
      const season = SEASONS[c.id]
      const inSeason = !season || season.includes(month)
      const spring = c.id === 'pothole' && SPRING_POTHOLES.includes(month) ? 1.8 : 1
      return [c, inSeason ? base * spring : 0]
    }),
  )
}

/** A spot near a city anchor: a few hotspots draw many appeals, most anchors one or none. */
function drawPlace(random: Random): PlannedPlace {
  return { anchor: random() ** 1.8, distanceM: Math.min(15 + exponential(random, 110), 700), bearing: random() * 360 }
}

/** Within a few dozen metres of the earlier appeal: the same problem seen by a neighbour. */
function nearPlace(random: Random, place: PlannedPlace): PlannedPlace {
  return { anchor: place.anchor, distanceM: Math.max(0, place.distanceM + uniform(random, -20, 20)), bearing: place.bearing + uniform(random, -8, 8) }
}

/** An earlier appeal of the category still open when `createdAt` came, if any. */
function findOriginal(plan: readonly PlannedAppeal[], category: string, createdAt: Date): number | undefined {
  const since = createdAt.getTime() - 30 * DAY_MS
  for (let i = plan.length - 1; i >= 0 && plan[i]!.createdAt.getTime() >= since; i--) {
    const a = plan[i]!
    if (a.category !== category || !a.isPublic || a.status === 'rejected' || a.status === 'duplicate') continue
    if (!a.resolvedAt || a.resolvedAt.getTime() > createdAt.getTime()) return i
  }
  return undefined
}

/** Neighbours' "me too": more often, and more of them, the longer an appeal has been up. */
function drawSupporters(random: Random, status: AppealStatus, isPublic: boolean, ageDays: number): number {
  if (!isPublic || status === 'rejected' || status === 'duplicate' || !chance(random, 0.35 * Math.min(1, ageDays / 7))) return 0
  return Math.min(60, 1 + Math.floor(exponential(random, 1.5 + ageDays / 90)))
}

function planAppeal(random: Random, options: PlanOptions, plan: readonly PlannedAppeal[], createdAt: Date): PlannedAppeal {
  const month = kyivClock(createdAt).month
  const category = pickWeighted(random, categoryWeights(options.categories, options.city, month))
  const detail = drawDetail(random)
  const description = describeAppeal(random, category.id, detail)
  const answers = answersFor(random, category.id, detail, createdAt)
  const isPublic = chance(random, 0.95)
  const original = isPublic ? findOriginal(plan, category.id, createdAt) : undefined
  const fate = drawFate(random, original)
  const place = fate.kind === 'duplicate' ? nearPlace(random, plan[fate.original]!.place) : drawPlace(random)
  const life = new AppealLife(createdAt, category.termDays, options.now)
  tellStory(random, life, fate, category.id)
  const { status, dueAt, extendedAt, resolvedAt, confirmedAt } = life.state
  const ageDays = (options.now.getTime() - createdAt.getTime()) / DAY_MS
  return {
    category: category.id,
    createdAt,
    description,
    answers,
    isPublic,
    place,
    status,
    dueAt,
    extendedAt,
    resolvedAt,
    confirmedAt,
    reopenCount: life.reopenCount,
    rejectionReason: life.rejectionReason,
    duplicateOf: life.duplicateOf,
    supporters: drawSupporters(random, status, isPublic, ageDays),
    events: life.events,
  }
}

/**
 * Plans `count` synthetic appeals of `city` over the 365 days before `now`, oldest first.
 * Pure: the same options give the same plan. Categories missing from the weights table get a
 * small weight, so a category added later still appears.
 * @example planSyntheticAppeals({ seed: 1, city: 'kyiv', count: 10, now: new Date(), categories })
 */
export function planSyntheticAppeals(options: PlanOptions): PlannedAppeal[] {
  const random = seededRandom(seedFor(options.seed, options.city))
  const times = Array.from({ length: options.count }, () => drawCreatedAt(random, options.now)).sort((a, b) => a.getTime() - b.getTime())
  const plan: PlannedAppeal[] = []
  for (const createdAt of times) plan.push(planAppeal(random, options, plan, createdAt))
  return plan
}
