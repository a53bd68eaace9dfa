import type { DemoSource, LonLatBox } from './demo-source.ts'
import { demoSource, field, ODBL, OSM_ATTRIBUTION, SOURCE_LICENCE_UNKNOWN } from './define-source.ts'
import { ADMIN_FIELDS, ALCOHOL_LICENCE_FIELDS, KOATUU_FIELD, OSM_BUILDING_FIELDS } from './shared-fields.ts'

/** The districts' extent plus a margin: a guard against bad geocodes (none known today). */
const KHARKIV_BBOX: LonLatBox = [36.08, 49.86, 36.48, 50.12]

/** OSM element id (`w…`, `r…`) that ties a damaged building to its footprint. */
const OSM_ID_FIELD = field('osm_id', 'full_id', 'string', 'Об’єкт OSM', 'OSM element')

/** Demo layers of Kharkiv: districts, North Saltivka buildings and licences. */
export const KHARKIV_SOURCES: DemoSource[] = [
  demoSource({
    id: 'kharkiv-districts',
    city: 'kharkiv',
    file: 'kharkiv/kharkiv_districts_osm.geojson',
    theme: 'districts',
    title: { uk: 'Райони Харкова', en: 'Districts of Kharkiv' },
    description: {
      uk: 'Дев’ять адміністративних районів Харкова з OpenStreetMap (набір ukraine-geo-data, 2026 рік).',
      en: 'The nine administrative districts of Kharkiv from OpenStreetMap (ukraine-geo-data collection, 2026).',
    },
    // Five boundary LineString fragments ride along with the district polygons.
    geometry: 'polygon',
    fields: [
      ...ADMIN_FIELDS,
      KOATUU_FIELD,
      field('old_name', 'old_name', 'string', 'Колишня назва', 'Former name'),
    ],
    style: { color: '#7e57c2', stroke: '#5e35b1', opacity: 0.06, width: 1.5, label: 'name', basemap: true },
    minzoom: 0,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'kharkiv-buildings',
    city: 'kharkiv',
    file: 'kharkiv/kharkiv_saltivka_buildings_osm.geojson',
    theme: 'buildings',
    title: { uk: 'Будівлі Північної Салтівки', en: 'Buildings of North Saltivka' },
    description: {
      uk: 'Контури будівель Північної Салтівки з адресами й поверховістю з OpenStreetMap (набір Texty.org.ua, 2023 рік).',
      en: 'Building footprints of North Saltivka with addresses and floor counts from OpenStreetMap (Texty.org.ua data set, 2023).',
    },
    geometry: 'polygon',
    fields: [
      OSM_ID_FIELD,
      ...OSM_BUILDING_FIELDS,
      field('amenity', 'amenity', 'string', 'Заклад (OSM)', 'Amenity (OSM)'),
      field('building_levels', 'building:levels', 'integer', 'Кількість поверхів', 'Floors'),
      // `height` in the source is floors × 10; `level_heigt` (sic) is floors × 3 m, a usable estimate.
      field('height_m', 'level_heigt', 'number', 'Орієнтовна висота, м', 'Approximate height, m'),
    ],
    style: { color: '#bcaaa4', stroke: '#8d6e63', opacity: 0.6, width: 0.5, basemap: true },
    minzoom: 12,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'kharkiv-damaged-buildings',
    city: 'kharkiv',
    file: 'kharkiv/kharkiv_saltivka_damaged_buildings_2022.geojson',
    theme: 'buildings',
    title: { uk: 'Будинки, пошкоджені обстрілами', en: 'Buildings damaged by shelling' },
    description: {
      uk: 'Будинки Північної Салтівки, пошкоджені обстрілами у 2022 році, з описом пошкоджень (репортаж Texty.org.ua, контури OpenStreetMap).',
      en: 'North Saltivka buildings damaged by shelling in 2022, with a description of the damage (Texty.org.ua reporting, OpenStreetMap footprints).',
    },
    geometry: 'polygon',
    fields: [
      OSM_ID_FIELD,
      // `name` holds the reporter's "street, number" label, which also covers footprints without addr:* tags.
      field('address', 'name', 'string', 'Адреса', 'Address'),
      ...OSM_BUILDING_FIELDS,
      field('building_levels', 'building:levels', 'integer', 'Кількість поверхів', 'Floors'),
      field('damage', 'опис', 'string', 'Ступінь пошкодження', 'Damage level'),
      field('damage_details', 'як пошкоджено', 'string', 'Що пошкоджено', 'Damage details'),
    ],
    style: {
      color: '#e53935',
      opacity: 0.7,
      categoryField: 'damage',
      categories: [
        { value: 'Серйозне пошкодження', color: '#b71c1c', label: { uk: 'Серйозне пошкодження', en: 'Severe damage' } },
        { value: 'Пошкодження', color: '#ef6c00', label: { uk: 'Пошкодження', en: 'Damage' } },
        {
          value: 'Пошкодження будинку під час обстрілу',
          color: '#ef6c00',
          label: { uk: 'Пошкодження під час обстрілу', en: 'Damaged by shelling' },
        },
      ],
    },
    minzoom: 12,
    licence: `${ODBL} (footprints); damage notes: ${SOURCE_LICENCE_UNKNOWN}`,
    attribution: `${OSM_ATTRIBUTION}; Texty.org.ua`,
  }),
  demoSource({
    id: 'kharkiv-alcohol-licenses',
    city: 'kharkiv',
    file: 'kharkiv/kharkiv_alcohol_licenses_2017.geojson',
    theme: 'trade',
    title: { uk: 'Ліцензії на роздрібний продаж алкоголю', en: 'Alcohol retail licences' },
    description: {
      uk: 'Магазини й заклади з ліцензією на роздрібний продаж алкоголю за реєстром ДФС, геокодовані Texty.org.ua (2017 рік).',
      en: 'Shops and cafés holding an alcohol retail licence, from the State Fiscal Service register geocoded by Texty.org.ua (2017).',
    },
    geometry: 'point',
    fields: ALCOHOL_LICENCE_FIELDS,
    bbox: KHARKIV_BBOX,
    style: { color: '#d81b60', radius: 4 },
    minzoom: 10,
    // Texty.org.ua states no licence for alcomap; the register it geocoded is public.
    licence: SOURCE_LICENCE_UNKNOWN,
    attribution: 'Texty.org.ua (alcomap); State Fiscal Service register',
  }),
]
