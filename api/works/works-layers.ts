/** The live layers of works: `<city>-repairs` (a point each) and `<city>-works` (the area works affect). */
import type { Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { type AttributeField, findLayerDefinition, type LayerDefinition, publicAttribute, saveLayerDefinition } from '../../layers/index.ts'

export const repairsLayerId = (cityId: string) => `${cityId}-repairs`
export const worksLayerId = (cityId: string) => `${cityId}-works`

const attr = publicAttribute

const COMMON: AttributeField[] = [
  attr('title', 'string', 'Назва', 'Title', true),
  attr('work_type', 'string', 'Вид робіт', 'Kind of work', true),
  attr('status', 'string', 'Стан', 'Status', true),
  attr('organisation', 'string', 'Відповідальна організація', 'Organisation in charge'),
  { ...attr('owner_organisation', 'string', 'Організація (код)', 'Organisation (id)'), public: false },
  attr('contractor', 'string', 'Підрядник', 'Contractor'),
  attr('work', 'string', 'Номер робіт', 'Work id', true),
  attr('synthetic', 'boolean', 'Синтетичне (демо)', 'Synthetic (demo)', true),
]

/** Repairs of the city's objects, one point each. */
export function repairsLayerDefinition(cityId: string, cityName: LocalizedJson, synthetic = false): LayerDefinition {
  return {
    id: repairsLayerId(cityId),
    city: cityId,
    theme: 'repairs',
    title: { uk: `Ремонти — ${cityName.uk}`, en: `Repairs — ${cityName.en}` },
    description: {
      uk: 'Ремонти комунальних об’єктів, доріг і будівель: вид робіт, підрядник, вартість і освоєні кошти, тендер Prozorro, планові й фактичні строки.',
      en: 'Repairs of communal objects, roads and buildings: the kind of work, contractor, cost and money spent, the Prozorro tender, planned and actual dates.',
    },
    geometryType: 'point',
    attributes: [
      ...COMMON,
      attr('cost', 'integer', 'Вартість, грн', 'Cost, UAH'),
      attr('spent', 'integer', 'Освоєно, грн', 'Spent, UAH'),
      attr('prozorro_tender_id', 'string', 'Тендер Prozorro', 'Prozorro tender'),
      attr('planned_start', 'date', 'Початок за планом', 'Planned start'),
      attr('planned_end', 'date', 'Завершення за планом', 'Planned end'),
      attr('actual_end', 'date', 'Завершено', 'Finished'),
    ],
    style: {
      color: '#6d4c41',
      radius: 7,
      categoryField: 'status',
      categories: [
        { value: 'planned', color: '#0072b2', label: { uk: 'Заплановано', en: 'Planned' } },
        { value: 'in_progress', color: '#e69f00', label: { uk: 'Триває', en: 'In progress' } },
        { value: 'done', color: '#009e73', label: { uk: 'Завершено', en: 'Done' } },
      ],
    },
    minzoom: 9,
    maxzoom: 18,
    acceptsAppeals: true,
    licence: 'CC-BY-4.0',
    attribution: synthetic ? 'Hromada Map demo (synthetic works)' : `${cityName.uk}: відкриті дані міста`,
    synthetic,
  }
}

/** Planned and emergency works: the area each affects, with its window and what it switches off. */
export function worksLayerDefinition(cityId: string, cityName: LocalizedJson, synthetic = false): LayerDefinition {
  return {
    id: worksLayerId(cityId),
    city: cityId,
    theme: 'repairs',
    title: { uk: `Планові та аварійні роботи — ${cityName.uk}`, en: `Planned and emergency works — ${cityName.en}` },
    description: {
      uk: 'Де й коли вимикають воду, тепло, світло, газ або перекривають дорогу. На мапі — роботи, що тривають зараз і найближчі; завершені зникають за місяць.',
      en: 'Where and when water, heating, power or gas are switched off or a road is closed. The map shows the works on now and those to come; ended ones go after a month.',
    },
    geometryType: 'polygon',
    attributes: [
      ...COMMON,
      attr('kind', 'string', 'Вид', 'Kind', true),
      attr('switched_off', 'string', 'Що вимкнено', 'Switched off', true),
      attr('starts_at', 'string', 'Початок', 'Starts'),
      attr('ends_at', 'string', 'Завершення', 'Ends'),
      attr('starts', 'integer', 'Початок (секунди Unix)', 'Starts (Unix seconds)', true),
      attr('ends', 'integer', 'Завершення (секунди Unix)', 'Ends (Unix seconds)', true),
    ],
    style: {
      color: '#d55e00',
      opacity: 0.35,
      categoryField: 'kind',
      categories: [
        { value: 'emergency', color: '#d55e00', label: { uk: 'Аварійні', en: 'Emergency' } },
        { value: 'planned', color: '#0072b2', label: { uk: 'Планові', en: 'Planned' } },
      ],
    },
    minzoom: 8,
    maxzoom: 18,
    acceptsAppeals: false,
    licence: 'CC-BY-4.0',
    attribution: synthetic ? 'Hromada Map demo (synthetic works)' : `${cityName.uk}: відкриті дані міста`,
    synthetic,
  }
}

/**
 * Makes the city's layer for a kind of work when it has none yet: the first repair, or the first
 * works in a window, a city records. An existing layer is left as it is.
 */
export async function ensureWorksLayer(trx: Transaction<DB>, cityId: string, kind: 'repair' | 'planned' | 'emergency', synthetic = false): Promise<void> {
  const id = kind === 'repair' ? repairsLayerId(cityId) : worksLayerId(cityId)
  if (await findLayerDefinition(trx, id)) return
  const city = await trx.selectFrom('cities').select('name').where('id', '=', cityId).executeTakeFirstOrThrow()
  await saveLayerDefinition(trx, kind === 'repair' ? repairsLayerDefinition(cityId, city.name, synthetic) : worksLayerDefinition(cityId, city.name, synthetic))
}
