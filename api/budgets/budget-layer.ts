import type { Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { type LayerDefinition, publicAttribute, saveLayerDefinition } from '../../layers/index.ts'
import { PROPOSAL_STAGE_COLORS, PROPOSAL_STAGES, type ProposalStage } from '../contract/index.ts'
import { proposalsLayerId } from './budget.dto.ts'
import { layerSource } from './edition.queries.ts'

/** Whose the proposals' data is: the residents' by default; a past edition loaded from a city's publication names it. */
export interface LayerSource {
  licence: string
  attribution: string
}

const RESIDENTS: LayerSource = { licence: 'CC-BY-4.0', attribution: 'Hromada Map residents' }

const STAGE_LABELS: Record<ProposalStage, LocalizedJson> = {
  submitted: { uk: 'На розгляді', en: 'Under review' },
  feasible: { uk: 'Допущено до голосування', en: 'On the ballot' },
  not_feasible: { uk: 'Не допущено', en: 'Not feasible' },
  'not-won': { uk: 'Не переміг', en: 'Did not win' },
  won: { uk: 'Переможець', en: 'Winner' },
  'being-built': { uk: 'Реалізується', en: 'Being built' },
  built: { uk: 'Реалізовано', en: 'Built' },
  cancelled: { uk: 'Скасовано', en: 'Cancelled' },
}

/**
 * The city's layer of participatory-budget proposals, fed by the `budget_proposals` table: one
 * point per proposal (a drawn area by its point on surface).
 */
export function proposalsLayerDefinition(cityId: string, cityName: LocalizedJson, source: LayerSource = RESIDENTS): LayerDefinition {
  const attr = publicAttribute
  return {
    id: proposalsLayerId(cityId),
    city: cityId,
    theme: 'development-budget',
    title: { uk: `Бюджет участі — ${cityName.uk}`, en: `Participatory budget — ${cityName.en}` },
    description: {
      uk: 'Усі публічні пропозиції бюджету участі з їхнім статусом, виданням, голосами та ходом реалізації. Оновлюється одразу.',
      en: 'Every public participatory-budget proposal with its status, edition, votes and construction progress. Updated at once.',
    },
    geometryType: 'point',
    attributes: [
      attr('title', 'string', 'Назва', 'Title', true),
      attr('stage', 'string', 'Стадія', 'Stage', true),
      attr('status', 'string', 'Статус розгляду', 'Review status'),
      attr('category', 'string', 'Категорія', 'Category'),
      attr('year', 'integer', 'Рік', 'Year', true),
      attr('edition', 'integer', 'Видання', 'Edition', true),
      attr('edition_title', 'string', 'Назва видання', 'Edition title'),
      attr('district', 'string', 'Район', 'District'),
      attr('cost', 'integer', 'Вартість, грн', 'Cost, UAH', true),
      attr('votes', 'integer', 'Голоси', 'Votes'),
      attr('progress', 'integer', 'Реалізація, %', 'Progress, %'),
      attr('proposal', 'string', 'Номер пропозиції', 'Proposal id', true),
      attr('shape', 'string', 'Місце: точка чи ділянка', 'Place: a point or an area'),
      attr('synthetic', 'boolean', 'Синтетичне (демо)', 'Synthetic (demo)', true),
    ],
    style: {
      color: '#1e88e5',
      radius: 7,
      categoryField: 'stage',
      categories: PROPOSAL_STAGES.map((value) => ({ value, color: PROPOSAL_STAGE_COLORS[value], label: STAGE_LABELS[value] })),
    },
    minzoom: 9,
    maxzoom: 18,
    ...source,
  }
}

/**
 * Makes the city's proposals layer, or brings an existing one to the current definition while
 * keeping its source (a past edition loaded from a city's publication names it) and its features.
 */
export async function ensureProposalsLayer(trx: Transaction<DB>, cityId: string, cityName: LocalizedJson, source?: LayerSource): Promise<void> {
  const kept = await layerSource(trx, proposalsLayerId(cityId))
  await saveLayerDefinition(trx, proposalsLayerDefinition(cityId, cityName, kept ?? source))
}
