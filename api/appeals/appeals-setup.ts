import type { Kysely } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { saveLayerDefinition, type LayerDefinition } from '../../layers/index.ts'
import { STATUS_LABELS } from './appeal-mail.ts'
import { addOrganisationIfAbsent, listCityNames } from './appeals-setup.queries.ts'

/** Status colours of the appeals layer: red while waiting, amber in work, green done, grey closed. */
export const STATUS_COLORS = {
  new: '#d32f2f',
  registered: '#e64a19',
  assigned: '#f57c00',
  in_progress: '#fbc02d',
  extended: '#8d6e63',
  resolved: '#388e3c',
  rejected: '#757575',
  duplicate: '#9e9e9e',
} as const

/** The id of a city's live appeals layer (the `appeals` trigger of migration 004 names it so too). */
export function appealsLayerId(cityId: string): string {
  return `${cityId}-appeals`
}

/** The city's live appeals layer `<city>-appeals`: points fed by the `appeals` table. */
export function appealsLayerDefinition(cityId: string, cityName: LocalizedJson): LayerDefinition {
  return {
    id: appealsLayerId(cityId),
    city: cityId,
    theme: 'appeals',
    title: { uk: `Звернення мешканців — ${cityName.uk}`, en: `Residents' appeals — ${cityName.en}` },
    description: {
      uk: 'Публічні звернення мешканців на мапі з їхнім статусом. Оновлюється одразу після подання.',
      en: "Residents' public appeals on the map with their status. Updated as soon as an appeal is filed.",
    },
    geometryType: 'point',
    attributes: [
      { name: 'number', type: 'string', label: { uk: 'Номер', en: 'Number' }, public: true, overview: true },
      { name: 'status', type: 'string', label: { uk: 'Статус', en: 'Status' }, public: true, overview: true },
      { name: 'category', type: 'string', label: { uk: 'Категорія', en: 'Category' }, public: true, overview: true },
      { name: 'group', type: 'string', label: { uk: 'Група', en: 'Group' }, public: true },
      { name: 'created', type: 'date', label: { uk: 'Подано', en: 'Filed' }, public: true, overview: true },
      { name: 'supporters', type: 'integer', label: { uk: 'Підтримали', en: 'Supporters' }, public: true },
      { name: 'synthetic', type: 'boolean', label: { uk: 'Синтетичне (демо)', en: 'Synthetic (demo)' }, public: true, overview: true },
    ],
    style: {
      // Groups of appeals (low zoom) are drawn in this neutral colour, not in a status colour.
      color: '#455a64',
      radius: 6,
      categoryField: 'status',
      categories: Object.entries(STATUS_COLORS).map(([value, color]) => ({ value, color, label: STATUS_LABELS[value as keyof typeof STATUS_COLORS] })),
    },
    minzoom: 9,
    maxzoom: 18,
    licence: 'CC-BY-4.0',
    attribution: 'Hromada Map residents',
  }
}

/** The organisations a city starts with, one per responsibility of the category catalogue. */
const STARTER_ORGANISATIONS: Array<{ responsibility: string; kind: 'department' | 'enterprise' | 'service'; name: LocalizedJson }> = [
  { responsibility: 'roads', kind: 'department', name: { uk: 'Департамент транспортної інфраструктури', en: 'Transport Infrastructure Department' } },
  { responsibility: 'lighting', kind: 'enterprise', name: { uk: 'КП «Міськсвітло»', en: 'City Lighting (communal enterprise)' } },
  { responsibility: 'waste', kind: 'enterprise', name: { uk: 'КП «Благоустрій і санітарна очистка»', en: 'Waste and Sanitation (communal enterprise)' } },
  { responsibility: 'greenery', kind: 'enterprise', name: { uk: 'КП «Зеленбуд»', en: 'Parks and Greenery (communal enterprise)' } },
  { responsibility: 'housing', kind: 'department', name: { uk: 'Департамент житлово-комунального господарства', en: 'Housing and Utilities Department' } },
  { responsibility: 'utilities', kind: 'service', name: { uk: 'Аварійно-диспетчерська служба', en: 'Utilities Emergency Dispatch' } },
  { responsibility: 'transport', kind: 'department', name: { uk: 'Управління транспорту', en: 'Public Transport Office' } },
  { responsibility: 'accessibility', kind: 'department', name: { uk: 'Управління соціального захисту та безбар’єрності', en: 'Social Protection and Accessibility Office' } },
  { responsibility: 'architecture', kind: 'department', name: { uk: 'Управління містобудування та архітектури', en: 'Urban Planning and Architecture Office' } },
  { responsibility: 'trade', kind: 'department', name: { uk: 'Управління торгівлі та муніципального контролю', en: 'Trade and Municipal Inspection Office' } },
  { responsibility: 'emergency', kind: 'service', name: { uk: 'Управління з питань надзвичайних ситуацій', en: 'Emergency Management Office' } },
  { responsibility: 'animals', kind: 'enterprise', name: { uk: 'КП «Центр поводження з тваринами»', en: 'Animal Care Centre (communal enterprise)' } },
  { responsibility: 'general', kind: 'department', name: { uk: 'Центр надання адміністративних послуг', en: 'Administrative Services Centre' } },
]

/**
 * Makes every city ready to take appeals: its appeals layer and, where it has none yet, the
 * starter organisations. Safe to run at every start; an existing layer keeps its features and
 * version, and organisations an administrator edited are left as they are.
 */
export async function prepareAppeals(db: Kysely<DB>): Promise<void> {
  for (const city of await listCityNames(db)) {
    await db.transaction().execute(async (trx) => {
      await saveLayerDefinition(trx, appealsLayerDefinition(city.id, city.name))
      for (const org of STARTER_ORGANISATIONS) {
        await addOrganisationIfAbsent(trx, { id: `${city.id}-${org.responsibility}`, cityId: city.id, kind: org.kind, responsibility: org.responsibility, name: org.name })
      }
    })
  }
}
