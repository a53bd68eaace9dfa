import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type IndexEntry, searchGazetteer } from '../../layers/index.ts'
import { SEARCH_KINDS, type SearchKind, type SearchResult } from '../contract/index.ts'
import { findLiveMatches, type FoundRow, type Language } from './search.queries.ts'

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
  const [entries, live] = await Promise.all([searchGazetteer(db, cityId, text, limit), findLiveMatches(db, cityId, text, lang, limit, APPEAL_NUMBER_PART.test(text))])
  const results: SearchResult[] = [...entries.map(fromEntry), ...live.map(fromLive)]
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
    ...(e.bbox ? { bbox: rounded(e.bbox) } : { point: [e.lon, e.lat] as [number, number] }),
    score: round3(e.score),
  }
}

/** The links of what was found where it lives: its page, or its layer. */
function linksOf(r: FoundRow): Partial<SearchResult> {
  switch (r.kind) {
    case 'appeal':
      return { number: r.id, url: `/appeals/${r.id}` }
    case 'layer':
      return { layer: r.id }
    case 'budget_project': {
      const [edition, proposal] = r.id.split('/')
      return { url: `/budgets/${edition}/proposals/${proposal}` }
    }
    case 'consultation':
      return { url: `/planning/consultations/${r.id}` }
    case 'district':
      return {}
  }
}

function fromLive(r: FoundRow): SearchResult {
  const extra = linksOf(r)
  return {
    kind: r.kind,
    title: r.title,
    ...(r.subtitle && { subtitle: r.subtitle }),
    ...extra,
    ...(r.bbox ? { bbox: rounded(r.bbox) } : r.lon !== null && r.lat !== null ? { point: [round6(r.lon), round6(r.lat)] as [number, number] } : {}),
    score: round3(r.score),
  }
}

const round3 = (x: number) => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 1000
