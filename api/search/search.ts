import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type IndexEntry, searchGazetteer } from '../../layers/index.ts'
import { SEARCH_KINDS, type SearchKind, type SearchResult } from '../contract/index.ts'
import { findAppealsByNumber, findBudgetProjects, findConsultations, findDistricts, findLayers, type FoundRow, type Language } from './search.queries.ts'

// An appeal number being typed: `KYIV-2026-000123`, a part of it, or its last digits.
const APPEAL_NUMBER_PART = /^([A-Za-z][A-Za-z0-9]*-([0-9]{1,4}(-[0-9]{0,6})?)?|[0-9]{3,6})$/

/**
 * Everything in the city that the query names, best first: the gazetteer (addresses, streets,
 * parcels, named objects), public appeals by number, layers, districts, budget projects and
 * consultations. Equal scores go by kind in {@link SEARCH_KINDS} order. Empty under two letters.
 */
export async function searchCity(db: Kysely<DB>, cityId: string, query: string, limit: number, lang: Language): Promise<SearchResult[]> {
  const text = query.trim()
  if (text.replace(/[^\p{L}\p{N}]/gu, '').length < 2) return []
  const [entries, appeals, layers, districts, projects, consultations] = await Promise.all([
    searchGazetteer(db, cityId, text, limit),
    APPEAL_NUMBER_PART.test(text) ? findAppealsByNumber(db, cityId, text, lang, limit) : [],
    findLayers(db, cityId, text, lang, limit),
    findDistricts(db, cityId, text, limit),
    findBudgetProjects(db, cityId, text, limit),
    findConsultations(db, cityId, text, lang, limit),
  ])
  const results: SearchResult[] = [
    ...entries.map(fromEntry),
    ...appeals.map((r) => found('appeal', r, { number: r.id, url: `/appeals/${r.id}` })),
    ...layers.map((r) => found('layer', r, { layer: r.id })),
    ...districts.map((r) => found('district', r, {})),
    ...projects.map((r) => {
      const [edition, proposal] = r.id.split('/')
      return found('budget_project', r, { url: `/budgets/${edition}/proposals/${proposal}` })
    }),
    ...consultations.map((r) => found('consultation', r, { url: `/planning/consultations/${r.id}` })),
  ]
  const order = (kind: SearchKind) => SEARCH_KINDS.indexOf(kind)
  return results.sort((a, b) => b.score - a.score || order(a.kind) - order(b.kind) || a.title.length - b.title.length).slice(0, limit)
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6
const rounded = (box: readonly number[]) => box.map(round6) as [number, number, number, number]

function fromEntry(e: IndexEntry): SearchResult {
  return {
    kind: e.kind,
    title: e.title,
    ...(e.subtitle && { subtitle: e.subtitle }),
    ...(e.layer_id && { layer: e.layer_id }),
    ...(e.feature_id !== null && { feature_id: Number(e.feature_id) }),
    ...(e.kind === 'parcel' && { number: e.title }),
    ...(e.url && { url: e.url }),
    ...(e.bbox ? { bbox: rounded(e.bbox) } : { point: [round6(e.lon), round6(e.lat)] as [number, number] }),
    score: round3(e.score),
  }
}

function found(kind: SearchKind, r: FoundRow, extra: Partial<SearchResult>): SearchResult {
  return {
    kind,
    title: r.title,
    ...(r.subtitle && { subtitle: r.subtitle }),
    ...extra,
    ...(r.bbox ? { bbox: rounded(r.bbox) } : r.lon !== null && r.lat !== null ? { point: [round6(r.lon), round6(r.lat)] as [number, number] } : {}),
    score: round3(r.score),
  }
}

const round3 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000
