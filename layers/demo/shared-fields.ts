import { field, type FieldSpec } from './define-source.ts'

/** Name and codes of an OSM administrative unit (boundary, district, hromada). */
export const ADMIN_FIELDS: FieldSpec[] = [
  field('name', 'name', 'string', 'Назва', 'Name'),
  field('name_en', 'name:en', 'string', 'Назва англійською', 'Name in English'),
  field('katotth', 'katotth', 'string', 'Код КАТОТТГ', 'KATOTTH code'),
]

/** KOATUU, the pre-2020 territorial code, for the units whose file still carries it. */
export const KOATUU_FIELD: FieldSpec = field('koatuu', 'koatuu', 'string', 'Код КОАТУУ', 'KOATUU code')

/**
 * Fields of the Texty.org.ua alcohol-licence files. The licensee `name` is left out on purpose:
 * many holders are individual entrepreneurs, i.e. private persons.
 */
export const ALCOHOL_LICENCE_FIELDS: FieldSpec[] = [
  // Some numbers are the literal "NA", so the number stays a string.
  field('licence_number', 'number', 'string', 'Номер ліцензії', 'Licence number'),
  field('valid_to', 'to', 'date', 'Дійсна до', 'Valid until'),
  field('address', 'address', 'string', 'Адреса', 'Address'),
]

/** OSM address and type tags of a building footprint. */
export const OSM_BUILDING_FIELDS: FieldSpec[] = [
  field('addr_street', 'addr:street', 'string', 'Вулиця', 'Street'),
  field('addr_housenumber', 'addr:housenumber', 'string', 'Номер будинку', 'House number'),
  field('building', 'building', 'string', 'Тип будівлі (OSM)', 'Building type (OSM)'),
]
