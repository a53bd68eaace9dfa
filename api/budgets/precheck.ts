import type { Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { LandOwnership, Precheck, ProposalGeometry } from '../contract/index.ts'
import type { EditionRow } from './edition.queries.ts'
import { choosePot } from './pots.ts'
import { districtOfPlace, landUnderPlace, NEARBY_RADIUS_M, nearPlace, plansAtPlace } from './precheck.queries.ts'

/** Who owns a parcel, read from the words its layer uses (Ukrainian cadastre or English). */
export function classifyOwnership(text: string | null): LandOwnership {
  if (!text) return 'unknown'
  if (/комунальн|communal|municipal/i.test(text)) return 'communal'
  if (/державн|state/i.test(text)) return 'state'
  if (/приватн|private/i.test(text)) return 'private'
  return 'unknown'
}

type Hint = Precheck['hints'][number]
const hint = (level: Hint['level'], code: string, uk: string, en: string): Hint => ({ level, code, message: { uk, en } })

/** The hints a pre-check gives from what it found: for the author and the reviewers to weigh. */
export function precheckHints(p: Omit<Precheck, 'hints'> & { districtsTouched: number; cost: number | null; rules: Pick<EditionRow, 'min_cost' | 'max_cost'> }): Hint[] {
  const hints: Hint[] = []
  if (p.district === null) hints.push(hint('warning', 'outside-districts', 'Місце поза межами районів міста.', "The place is outside the city's districts."))
  if (p.pot === null) hints.push(hint('warning', 'no-pot', 'Жоден кошик бюджету цього видання не фінансує це місце.', "No pot of this edition's money funds this place."))
  if (p.districtsTouched > 1) hints.push(hint('info', 'crosses-districts', `Ділянка заходить у ${p.districtsTouched} райони; проєкт віднесено до того, де більша її частина.`, `The area reaches into ${p.districtsTouched} districts; the project counts in the one holding most of it.`))
  const owners = new Set(p.land.map((l) => l.ownership))
  if (p.land.length === 0) hints.push(hint('info', 'land-unknown', 'Немає даних про земельну ділянку під цим місцем: перевірте власника землі.', 'No parcel record under this place: check who owns the land.'))
  else if (owners.has('private') || owners.has('state')) {
    hints.push(hint('warning', 'land-not-communal', 'Місце на землі, що не належить громаді (державна чи приватна): реалізація може бути неможливою.', 'The place is on land the hromada does not own (state or private): it may not be possible to build there.'))
  } else if ([...owners].every((o) => o === 'communal')) hints.push(hint('info', 'land-communal', 'Місце на комунальній землі.', 'The place is on communal land.'))
  if (p.plans.length > 0) hints.push(hint('info', 'in-plan', 'Місце в межах містобудівної документації: перевірте, чи проєкт їй відповідає.', 'The place falls within a planning document: check that the project fits it.'))
  const count = (kind: string) => p.nearby.filter((n) => n.kind === kind).length
  if (count('proposal') > 0) hints.push(hint('info', 'proposals-nearby', `Поруч (до ${NEARBY_RADIUS_M} м) є інші пропозиції: ${count('proposal')}.`, `Other proposals within ${NEARBY_RADIUS_M} m: ${count('proposal')}.`))
  if (count('appeal') > 0) hints.push(hint('info', 'appeals-nearby', `Поруч (до ${NEARBY_RADIUS_M} м) є відкриті звернення мешканців: ${count('appeal')}.`, `Open appeals of residents within ${NEARBY_RADIUS_M} m: ${count('appeal')}.`))
  if (count('repair') > 0) hints.push(hint('warning', 'repair-planned', 'Поруч запланований ремонт: роботи можуть збігтися.', 'A repair is planned nearby: the works may overlap.'))
  if (p.cost !== null && p.cost < p.rules.min_cost) hints.push(hint('warning', 'cost-below-minimum', `Вартість менша за мінімальну (${p.rules.min_cost} грн).`, `The cost is below the minimum (UAH ${p.rules.min_cost}).`))
  if (p.cost !== null && p.rules.max_cost !== null && p.cost > p.rules.max_cost) hints.push(hint('warning', 'cost-above-maximum', `Вартість більша за максимальну (${p.rules.max_cost} грн).`, `The cost is above the maximum (UAH ${p.rules.max_cost}).`))
  return hints
}

/**
 * What the city's own data says about a place for an edition: its district and pot, the land
 * under it, the plans it falls in, and what is near. Works with whichever layers the city has.
 */
export async function precheckPlace(db: Kysely<DB>, edition: EditionRow, geometry: ProposalGeometry, cost: number | null, exceptProposal: number | null = null): Promise<Precheck> {
  const [{ district, touched }, land, plans, nearby] = await Promise.all([
    districtOfPlace(db, edition.city_id, geometry),
    landUnderPlace(db, edition.city_id, geometry),
    plansAtPlace(db, edition.city_id, geometry),
    nearPlace(db, edition.city_id, edition.id, exceptProposal, geometry),
  ])
  const pot = choosePot(edition.pots, district?.id ?? null, cost ?? 0)
  const found = {
    district,
    pot,
    land: land.map((l) => ({ ...l, ownership: classifyOwnership(l.ownership_text) })),
    plans,
    nearby: nearby.map((n) => ({ ...n, url: n.kind === 'appeal' ? `/appeals/${encodeURIComponent(n.id)}` : n.kind === 'proposal' ? `/budgets/${edition.id}/proposals/${n.id}` : null })),
  }
  return { ...found, hints: precheckHints({ ...found, districtsTouched: touched, cost, rules: edition }) }
}
