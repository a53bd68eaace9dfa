/**
 * The live layers of the city's objects: the property register, the offers to investors and the
 * street registers. The tables' triggers (migration 024) keep their features; these are their
 * catalogue rows. Each accepts appeals: a resident reports a problem with the object itself.
 */
import { sql, type Transaction } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { type LayerDefinition, publicAttribute, refreshLayerStats, saveLayerDefinition } from '../../layers/index.ts'
import { PROPERTY_STATUS_COLORS, PROPERTY_STATUSES, type PropertyStatus } from '../contract/index.ts'

export const propertyLayerId = (cityId: string) => `${cityId}-property`
export const investmentLayerId = (cityId: string) => `${cityId}-investment-objects`
export const streetStructuresLayerId = (cityId: string, register: 'temporary' | 'advertising') =>
  `${cityId}-${register === 'temporary' ? 'temporary-structures' : 'advertising-structures'}`

/** Who the data is from and under which terms. */
export interface LayerSource {
  licence: string
  attribution: string
  synthetic?: boolean
}

export const PROPERTY_STATUS_LABELS: Record<PropertyStatus, LocalizedJson> = {
  free: { uk: 'Вільний', en: 'Free' },
  list_1: { uk: 'Перелік першого типу (оренда на аукціоні)', en: 'List 1 (to lease at auction)' },
  list_2: { uk: 'Перелік другого типу', en: 'List 2 (lease without auction)' },
  at_auction: { uk: 'На аукціоні ProZorro.Sales', en: 'At a ProZorro.Sales auction' },
  leased: { uk: 'В оренді', en: 'Leased' },
  in_use: { uk: 'Використовується', en: 'In use' },
  not_for_lease: { uk: 'Не підлягає оренді', en: 'Not for lease' },
}

const attr = publicAttribute

/**
 * The id of the organisation that holds the object: kept with the feature for routing appeals
 * about it (`object_owner()`), not shown; the holder's name is a public field of its own.
 */
const OWNER_FIELD = { ...attr('owner_organisation', 'string', 'Організація-утримувач (код)', 'Holding organisation (id)'), public: false }

/**
 * The city's property register layer `<city>-property`: parcels as areas where the city has
 * land in the register, else premises as points. A sensitive object is not in it.
 */
export function propertyLayerDefinition(cityId: string, cityName: LocalizedJson, geometryType: 'point' | 'polygon', source: LayerSource): LayerDefinition {
  return {
    id: propertyLayerId(cityId),
    city: cityId,
    theme: 'property-land',
    title: { uk: `Реєстр комунального майна — ${cityName.uk}`, en: `Communal property register — ${cityName.en}` },
    description: {
      uk: 'Земельні ділянки та приміщення з реєстру майна (набори за постановою КМУ № 835): утримувач, призначення, площа, стан оренди. Об’єкти критичної інфраструктури не показуються.',
      en: 'Land parcels and premises of the property register (the CMU No 835 sets): holder, purpose, area, lease status. Critical infrastructure is not shown.',
    },
    geometryType,
    attributes: [
      attr('name', 'string', 'Назва', 'Name', true),
      attr('kind', 'string', 'Вид', 'Kind', true),
      attr('register_id', 'string', 'Реєстровий номер', 'Register id'),
      attr('cadastral_number', 'string', 'Кадастровий номер', 'Cadastral number', true),
      attr('status', 'string', 'Стан оренди', 'Lease status', true),
      attr('purpose_code', 'string', 'Код КВЦПЗ', 'Purpose code'),
      attr('purpose', 'string', 'Призначення', 'Purpose'),
      attr('area_m2', 'number', 'Площа, м²', 'Area, m²', true),
      attr('leased_until', 'date', 'Оренда до', 'Leased until'),
      attr('auction_lot_id', 'string', 'Лот ProZorro.Sales', 'ProZorro.Sales lot'),
      attr('balance_holder', 'string', 'Балансоутримувач', 'Balance holder'),
      OWNER_FIELD,
      attr('address', 'string', 'Адреса', 'Address'),
      attr('district', 'string', 'Район', 'District'),
      attr('property', 'string', 'Номер у реєстрі платформи', 'Object id', true),
      attr('synthetic', 'boolean', 'Синтетичне (демо)', 'Synthetic (demo)', true),
    ],
    style: {
      color: PROPERTY_STATUS_COLORS.in_use,
      opacity: 0.5,
      radius: 6,
      categoryField: 'status',
      categories: PROPERTY_STATUSES.map((value) => ({ value, color: PROPERTY_STATUS_COLORS[value], label: PROPERTY_STATUS_LABELS[value] })),
    },
    minzoom: geometryType === 'polygon' ? 11 : 9,
    maxzoom: 18,
    acceptsAppeals: true,
    ...source,
  }
}

/** The offers to investors `<city>-investment-objects`, one point each. */
export function investmentLayerDefinition(cityId: string, cityName: LocalizedJson, source: LayerSource): LayerDefinition {
  return {
    id: investmentLayerId(cityId),
    city: cityId,
    theme: 'investment',
    title: { uk: `Інвестиційна мапа — ${cityName.uk}`, en: `Investment map — ${cityName.en}` },
    description: {
      uk: 'Земельні ділянки, приміщення та браунфілди, які місто пропонує інвесторам, з умовами оренди чи продажу.',
      en: 'Land plots, premises and brownfield sites the city offers to investors, with the terms of lease or sale.',
    },
    geometryType: 'point',
    attributes: [
      attr('title', 'string', 'Назва', 'Title', true),
      attr('title_en', 'string', 'Назва англійською', 'Title in English', true),
      attr('kind', 'string', 'Вид', 'Kind', true),
      attr('deal', 'string', 'Угода', 'Deal', true),
      attr('area_m2', 'number', 'Площа, м²', 'Area, m²', true),
      attr('start_price', 'integer', 'Стартова ціна, грн', 'Starting price, UAH', true),
      attr('status', 'string', 'Стан', 'Status', true),
      attr('district', 'string', 'Район', 'District'),
      OWNER_FIELD,
      attr('investment', 'string', 'Номер пропозиції', 'Offer id', true),
      attr('synthetic', 'boolean', 'Синтетичне (демо)', 'Synthetic (demo)', true),
    ],
    style: {
      color: '#00897b',
      radius: 8,
      categoryField: 'kind',
      categories: [
        { value: 'land', color: '#2e7d32', label: { uk: 'Земельна ділянка', en: 'Land plot' } },
        { value: 'premises', color: '#1565c0', label: { uk: 'Приміщення', en: 'Premises' } },
        { value: 'brownfield', color: '#8d6e63', label: { uk: 'Браунфілд', en: 'Brownfield' } },
      ],
    },
    minzoom: 8,
    maxzoom: 18,
    acceptsAppeals: true,
    ...source,
  }
}

const STRUCTURE_STATUS = [
  { value: 'valid', color: '#1b9e77', label: { uk: 'Дозвіл чинний', en: 'Permit valid' } },
  { value: 'expired', color: '#d95f02', label: { uk: 'Дозвіл закінчився', en: 'Permit expired' } },
  { value: 'illegal', color: '#c2185b', label: { uk: 'Без дозволу', en: 'No permit' } },
]

/** A street register layer: `<city>-temporary-structures` or `<city>-advertising-structures`. */
export function streetStructuresLayerDefinition(cityId: string, cityName: LocalizedJson, register: 'temporary' | 'advertising', source: LayerSource): LayerDefinition {
  const temporary = register === 'temporary'
  return {
    id: streetStructuresLayerId(cityId, register),
    city: cityId,
    theme: 'structures',
    title: temporary
      ? { uk: `Тимчасові споруди — ${cityName.uk}`, en: `Temporary structures — ${cityName.en}` }
      : { uk: `Рекламні конструкції — ${cityName.uk}`, en: `Advertising structures — ${cityName.en}` },
    description: temporary
      ? { uk: 'Кіоски, павільйони та сезонна торгівля з номером і строком дозволу.', en: 'Kiosks, pavilions and seasonal trade with their permit number and term.' }
      : { uk: 'Білборди, сітілайти та інші рекламні конструкції з номером і строком дозволу.', en: 'Billboards, city lights and other advertising structures with their permit number and term.' },
    geometryType: 'point',
    attributes: [
      attr('kind', 'string', 'Вид', 'Kind', true),
      attr('permit_number', 'string', 'Дозвіл', 'Permit', true),
      attr('permit_from', 'date', 'Дозвіл від', 'Permit from'),
      attr('permit_until', 'date', 'Дозвіл до', 'Permit until'),
      attr('status', 'string', 'Стан дозволу', 'Permit status', true),
      attr('holder', 'string', 'Власник (організація)', 'Holder (organisation)'),
      attr('business', 'string', 'Діяльність', 'Business'),
      attr('area_m2', 'number', 'Площа, м²', 'Area, m²'),
      attr('address', 'string', 'Адреса', 'Address', true),
      attr('organisation', 'string', 'Відповідальний підрозділ', 'Office in charge'),
      OWNER_FIELD,
      attr('structure', 'string', 'Номер у реєстрі платформи', 'Structure id', true),
      attr('synthetic', 'boolean', 'Синтетичне (демо)', 'Synthetic (demo)', true),
    ],
    style: { color: temporary ? '#6a1b9a' : '#ef6c00', radius: 6, categoryField: 'status', categories: STRUCTURE_STATUS },
    minzoom: 10,
    maxzoom: 18,
    acceptsAppeals: true,
    ...source,
  }
}

/**
 * Publishes a city's register lines that have no feature yet in its (new) layer, in one
 * statement: the row-by-row trigger would take minutes for a city's whole register. Each
 * feature's id is drawn first, so that the line and its feature are written together.
 */
export async function publishPropertyRows(trx: Transaction<DB>, cityId: string): Promise<number> {
  const layerId = propertyLayerId(cityId)
  // A whole register's features and tile shapes, as a layer's import writes them: no time limit.
  await sql`SET LOCAL statement_timeout = 0`.execute(trx)
  const { rows } = await sql<{ id: number }>`
    WITH ids AS (
      SELECT t.id AS row_id, nextval(pg_get_serial_sequence('features', 'id')) AS feature_id
        FROM property_objects t
       WHERE t.city_id = ${cityId} AND t.feature_id IS NULL AND t.geom IS NOT NULL AND NOT t.sensitive),
    linked AS (
      UPDATE property_objects t SET feature_id = ids.feature_id FROM ids WHERE t.id = ids.row_id RETURNING t.id)
    INSERT INTO features (id, layer_id, properties, geom)
    SELECT ids.feature_id, ${layerId}, property_feature_properties(t), layer_shape(${layerId}, t.geom)
      FROM ids JOIN property_objects t ON t.id = ids.row_id
    RETURNING id`.execute(trx)
  await refreshLayerStats(trx, layerId)
  return rows.length
}

/**
 * Makes the city's register layer when it has none, drawn as areas if the register holds land
 * and as points otherwise, and publishes the lines that are not on it yet. An existing layer is
 * left as it is: its table's trigger keeps it.
 */
export async function ensurePropertyLayer(trx: Transaction<DB>, cityId: string): Promise<void> {
  if (await trx.selectFrom('layers').select('id').where('id', '=', propertyLayerId(cityId)).executeTakeFirst()) return
  const city = await trx.selectFrom('cities').select('name').where('id', '=', cityId).executeTakeFirstOrThrow()
  const land = await trx.selectFrom('property_objects').select('id').where('city_id', '=', cityId).where('kind', '=', 'land').limit(1).executeTakeFirst()
  await saveLayerDefinition(trx, propertyLayerDefinition(cityId, city.name, land ? 'polygon' : 'point', { licence: 'CC-BY-4.0', attribution: `${city.name.uk}: реєстр комунального майна` }))
  await publishPropertyRows(trx, cityId)
}

/** Makes the city's layer of offers to investors when it has none. */
export async function ensureInvestmentLayer(trx: Transaction<DB>, cityId: string): Promise<void> {
  if (await trx.selectFrom('layers').select('id').where('id', '=', investmentLayerId(cityId)).executeTakeFirst()) return
  const city = await trx.selectFrom('cities').select('name').where('id', '=', cityId).executeTakeFirstOrThrow()
  await saveLayerDefinition(trx, investmentLayerDefinition(cityId, city.name, { licence: 'CC-BY-4.0', attribution: `${city.name.uk}: інвестиційні пропозиції` }))
}

/** Makes the city's layer of a street register when it has none. */
export async function ensureStreetStructuresLayer(trx: Transaction<DB>, cityId: string, register: 'temporary' | 'advertising'): Promise<void> {
  if (await trx.selectFrom('layers').select('id').where('id', '=', streetStructuresLayerId(cityId, register)).executeTakeFirst()) return
  const city = await trx.selectFrom('cities').select('name').where('id', '=', cityId).executeTakeFirstOrThrow()
  await saveLayerDefinition(trx, streetStructuresLayerDefinition(cityId, city.name, register, { licence: 'CC-BY-4.0', attribution: `${city.name.uk}: реєстр дозволів` }))
}
