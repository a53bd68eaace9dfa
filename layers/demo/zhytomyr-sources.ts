import type { LayerStyle } from '../catalogue/index.ts'
import type { DemoSource } from './demo-source.ts'
import { demoSource, field, ODBL, OSM_ATTRIBUTION, type FieldSpec, SOURCE_LICENCE_UNKNOWN } from './define-source.ts'
import { ADMIN_FIELDS, KOATUU_FIELD } from './shared-fields.ts'

const HROMADAS_FILE = 'zhytomyr/zhytomyr_raion_hromadas_osm.geojson'
const CITY_HROMADA = 'Житомирська міська громада'

const TRANSIT_LICENCE = SOURCE_LICENCE_UNKNOWN
const TRANSIT_ATTRIBUTION = 'Texty.org.ua (Zhytomyr public transport, 2018)'

/** Route and direction, shared by the three transit files. */
const ROUTE_FIELDS: FieldSpec[] = [
  field('route', 'route', 'string', 'Маршрут', 'Route'),
  field('direction', 'direction', 'integer', 'Напрямок', 'Direction'),
]

/** A stop on one route in one direction; the stops and segment files share these columns. */
const STOP_FIELDS: FieldSpec[] = [
  field('stop_id', 'stop_id', 'integer', 'Код зупинки', 'Stop id'),
  field('stop_name', 'stop_name', 'string', 'Зупинка', 'Stop'),
  ...ROUTE_FIELDS,
  field('stop_order', 'stop_order', 'integer', 'Порядковий номер на маршруті', 'Order on the route'),
]

const TRANSIT_MODES: LayerStyle['categories'] = [
  { value: 'bus', color: '#1e88e5', label: { uk: 'Автобус', en: 'Bus' } },
  { value: 'trol', color: '#43a047', label: { uk: 'Тролейбус', en: 'Trolleybus' } },
  { value: 'tram', color: '#e53935', label: { uk: 'Трамвай', en: 'Tram' } },
]

/** Demo layers of Zhytomyr: hromada and city boundaries, districts, public transport. */
export const ZHYTOMYR_SOURCES: DemoSource[] = [
  demoSource({
    id: 'zhytomyr-city-boundary',
    city: 'zhytomyr',
    file: HROMADAS_FILE,
    theme: 'boundaries',
    title: { uk: 'Межа Житомирської міської громади', en: 'Zhytomyr city hromada boundary' },
    description: {
      uk: 'Межа Житомирської міської територіальної громади з OpenStreetMap (набір ukraine-geo-data, 2026 рік).',
      en: 'Boundary of the Zhytomyr urban territorial hromada from OpenStreetMap (ukraine-geo-data collection, 2026).',
    },
    geometry: 'polygon',
    // The raion file has no separate city boundary: the city hromada's polygon serves as one.
    where: (p) => p['name:uk'] === CITY_HROMADA,
    fields: ADMIN_FIELDS,
    style: { color: '#3949ab', stroke: '#1a237e', opacity: 0.03, width: 2.5, basemap: true },
    minzoom: 0,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'zhytomyr-raion-hromadas',
    city: 'zhytomyr',
    file: HROMADAS_FILE,
    theme: 'boundaries',
    title: { uk: 'Громади Житомирського району', en: 'Hromadas of Zhytomyr raion' },
    description: {
      uk: 'Тридцять одна територіальна громада Житомирського району з OpenStreetMap (набір ukraine-geo-data, 2026 рік).',
      en: 'The 31 territorial hromadas of Zhytomyr raion from OpenStreetMap (ukraine-geo-data collection, 2026).',
    },
    // Each hromada also has its centre as a place node; those points are not areas.
    geometry: 'polygon',
    fields: [...ADMIN_FIELDS, field('start_date', 'start_date', 'date', 'Дата утворення', 'Established')],
    style: { color: '#26a69a', stroke: '#00796b', opacity: 0.08, width: 1, label: 'name' },
    minzoom: 0,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'zhytomyr-city-districts',
    city: 'zhytomyr',
    file: 'zhytomyr/zhytomyr_hromada_districts_osm.geojson',
    theme: 'districts',
    title: { uk: 'Райони Житомира', en: 'Districts of Zhytomyr' },
    description: {
      uk: 'Богунський і Корольовський райони Житомира з OpenStreetMap (набір ukraine-geo-data, 2026 рік).',
      en: 'The Bohunskyi and Koroliovskyi districts of Zhytomyr from OpenStreetMap (ukraine-geo-data collection, 2026).',
    },
    geometry: 'polygon',
    // The village of Veresy (admin_level 9) belongs to the hromada but is not a city district.
    where: (p) => p['admin_level'] === '10',
    fields: [...ADMIN_FIELDS, KOATUU_FIELD],
    style: { color: '#7e57c2', stroke: '#5e35b1', opacity: 0.06, width: 1.5, label: 'name', basemap: true },
    minzoom: 0,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'zhytomyr-transit-routes',
    city: 'zhytomyr',
    file: 'zhytomyr/zhytomyr_transit_routes_2018.geojson',
    theme: 'transport',
    title: { uk: 'Маршрути громадського транспорту', en: 'Public transport routes' },
    description: {
      uk: 'Траси автобусних, тролейбусних і трамвайних маршрутів Житомира за даними GPS та електронного квитка 2018 року (Texty.org.ua).',
      en: 'Bus, trolleybus and tram routes of Zhytomyr traced from 2018 GPS and e-ticket data (Texty.org.ua).',
    },
    geometry: 'line',
    fields: [...ROUTE_FIELDS, field('mode', 'tk', 'string', 'Вид транспорту', 'Mode')],
    style: { color: '#1e88e5', width: 2.5, basemap: true, categoryField: 'mode', categories: TRANSIT_MODES },
    minzoom: 8,
    licence: TRANSIT_LICENCE,
    attribution: TRANSIT_ATTRIBUTION,
  }),
  demoSource({
    id: 'zhytomyr-transit-stops',
    city: 'zhytomyr',
    file: 'zhytomyr/zhytomyr_transit_stops_2018.geojson',
    theme: 'transport',
    title: { uk: 'Зупинки громадського транспорту', en: 'Public transport stops' },
    description: {
      uk: 'Зупинки міського транспорту Житомира, по одній на кожен маршрут і напрямок (Texty.org.ua, 2018 рік).',
      en: 'Public transport stops of Zhytomyr, one per route and direction (Texty.org.ua, 2018).',
    },
    geometry: 'point',
    fields: STOP_FIELDS,
    style: { color: '#3949ab', radius: 4, label: 'stop_name' },
    minzoom: 13,
    licence: TRANSIT_LICENCE,
    attribution: TRANSIT_ATTRIBUTION,
  }),
  demoSource({
    id: 'zhytomyr-transit-segments',
    city: 'zhytomyr',
    file: 'zhytomyr/zhytomyr_transit_stop_segments_2018.geojson',
    theme: 'transport',
    title: { uk: 'Ділянки маршрутів між зупинками', en: 'Route segments between stops' },
    description: {
      uk: 'Відрізки кожного маршруту від зупинки до наступної в обох напрямках (Texty.org.ua, 2018 рік).',
      en: 'Stop-to-next-stop sections of every route in both directions (Texty.org.ua, 2018).',
    },
    // Terminal stops are single Points here; the stops layer already has them.
    geometry: 'line',
    fields: STOP_FIELDS,
    style: { color: '#5c6bc0', width: 3, opacity: 0.8 },
    minzoom: 12,
    licence: TRANSIT_LICENCE,
    attribution: TRANSIT_ATTRIBUTION,
  }),
]
