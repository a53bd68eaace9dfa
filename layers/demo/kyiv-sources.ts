import type { DemoSource, LonLatBox } from './demo-source.ts'
import { demoSource, field, ODBL, OSM_ATTRIBUTION, overview, SOURCE_LICENCE_UNKNOWN } from './define-source.ts'
import { ADMIN_FIELDS, ALCOHOL_LICENCE_FIELDS, KOATUU_FIELD, OSM_BUILDING_FIELDS } from './shared-fields.ts'

/**
 * The city boundary's extent plus a little margin. It drops the licence geocoded to
 * lat = lon = 30.608947 (south of Ukraine, in the Black Sea) and the shop in the village of
 * Kyiliv, ~25 km south-east of the city.
 */
const KYIV_BBOX: LonLatBox = [30.22, 50.2, 30.84, 50.6]

/** Attribution of the 2019 election files and of what is derived from them. */
export const ELECTIONS_ATTRIBUTION = 'Central Election Commission of Ukraine; elections-kyiv-2019 (Vitaliy Yarovuy)'

/** Polling-station number and electoral district shared by both election files. */
const stationField = (from: string) => field('station', from, 'string', 'Виборча дільниця', 'Polling station')
const tvoField = (from: string) =>
  field('tvo', from, 'integer', 'Територіальний виборчий округ №', 'Electoral district (TVO) no.')

/** Demo layers of Kyiv, the primary city of the catalogue. */
export const KYIV_SOURCES: DemoSource[] = [
  demoSource({
    id: 'kyiv-city-boundary',
    city: 'kyiv',
    file: 'kyiv/kyiv_city_boundary_osm.geojson',
    theme: 'boundaries',
    title: { uk: 'Межа міста Києва', en: 'Kyiv city boundary' },
    description: {
      uk: 'Адміністративна межа міста Києва з OpenStreetMap (знімок 2026 року).',
      en: 'Administrative boundary of the city of Kyiv from OpenStreetMap (2026 snapshot).',
    },
    // The file also holds the city's label node; only the relation's polygon is the boundary.
    geometry: 'polygon',
    fields: [...ADMIN_FIELDS, KOATUU_FIELD],
    style: { color: '#3949ab', stroke: '#1a237e', opacity: 0.03, width: 2.5, basemap: true },
    minzoom: 0,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'kyiv-districts',
    city: 'kyiv',
    file: 'kyiv/kyiv_districts_osm.geojson',
    theme: 'districts',
    title: { uk: 'Райони Києва', en: 'Districts of Kyiv' },
    description: {
      uk: 'Десять адміністративних районів Києва з OpenStreetMap (набір ukraine-geo-data, 2026 рік).',
      en: 'The ten administrative districts of Kyiv from OpenStreetMap (ukraine-geo-data collection, 2026).',
    },
    geometry: 'polygon',
    fields: [...ADMIN_FIELDS, KOATUU_FIELD],
    style: { color: '#7e57c2', stroke: '#5e35b1', opacity: 0.06, width: 1.5, label: 'name', basemap: true },
    minzoom: 0,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'kyiv-land-parcels',
    city: 'kyiv',
    file: 'kyiv/kyiv_land_parcels_state_communal.geojson.gz',
    theme: 'property-land',
    title: { uk: 'Земельні ділянки державної та комунальної власності', en: 'State and communal land parcels' },
    description: {
      uk: 'Ділянки з Державного земельного кадастру в державній і комунальній власності з даними про оренду (проєкт kyiv_kadastr_web, 2021 рік).',
      en: 'State- and communally owned parcels from the State Land Cadastre with their lease records (kyiv_kadastr_web project, 2021).',
    },
    geometry: 'polygon',
    // `rent_renter` is left out: the lessee is often a private person.
    fields: [
      overview(field('cadnum', 'cadnum', 'string', 'Кадастровий номер', 'Cadastral number')),
      overview(field('category', 'category', 'string', 'Категорія земель', 'Land category')),
      overview(field('ownership', 'ownership', 'string', 'Форма власності', 'Ownership')),
      field('purpose', 'purpose', 'string', 'Цільове призначення', 'Designated purpose'),
      field('land_use', 'land_use', 'string', 'Вид використання', 'Land use'),
      overview(field('area_ha', 'area_ha', 'number', 'Площа, га', 'Area, ha')),
      // Mixes DD.MM.YYYY and YYYY/MM/DD in the source, so it is kept verbatim as text.
      field('rent_date_from', 'rent_date_from', 'string', 'Початок оренди', 'Lease start'),
      field('rent_date_to', 'rent_date_to', 'date', 'Кінець оренди', 'Lease end'),
      field('rent_purpose', 'rent_purpose', 'string', 'Мета оренди', 'Lease purpose'),
      field('rent_area_ha', 'rent_area_ha', 'number', 'Площа в оренді, га', 'Leased area, ha'),
    ],
    style: {
      color: '#43a047',
      opacity: 0.45,
      categoryField: 'ownership',
      categories: [
        { value: 'Комунальна власність', color: '#43a047', label: { uk: 'Комунальна', en: 'Communal' } },
        { value: 'Державна власність', color: '#fb8c00', label: { uk: 'Державна', en: 'State' } },
      ],
    },
    minzoom: 10,
    // The repository states no licence; the cadastral map it was compiled from is public.
    licence: SOURCE_LICENCE_UNKNOWN,
    attribution: 'State Land Cadastre of Ukraine; kyiv_kadastr_web (D. Hubashov)',
  }),
  demoSource({
    id: 'kyiv-alcohol-licenses',
    city: 'kyiv',
    file: 'kyiv/kyiv_alcohol_licenses_2017.geojson',
    theme: 'trade',
    title: { uk: 'Ліцензії на роздрібний продаж алкоголю', en: 'Alcohol retail licences' },
    description: {
      uk: 'Магазини й заклади з ліцензією на роздрібний продаж алкоголю за реєстром ДФС, геокодовані Texty.org.ua (2017 рік).',
      en: 'Shops and cafés holding an alcohol retail licence, from the State Fiscal Service register geocoded by Texty.org.ua (2017).',
    },
    geometry: 'point',
    fields: ALCOHOL_LICENCE_FIELDS,
    bbox: KYIV_BBOX,
    style: { color: '#d81b60', radius: 4 },
    minzoom: 10,
    // Texty.org.ua states no licence for alcomap; the register it geocoded is public.
    licence: SOURCE_LICENCE_UNKNOWN,
    attribution: 'Texty.org.ua (alcomap); State Fiscal Service register',
  }),
  demoSource({
    id: 'kyiv-abandoned-buildings',
    city: 'kyiv',
    file: 'kyiv/kyiv_abandoned_buildings_osm_2016.geojson',
    theme: 'buildings',
    title: { uk: 'Покинуті та аварійні будівлі', en: 'Abandoned and derelict buildings' },
    description: {
      uk: 'Покинуті, аварійні й недобудовані будівлі за списками райдержадміністрацій, нанесені в OpenStreetMap (знімок Texty.org.ua, 2016 рік).',
      en: 'Abandoned, derelict and unfinished buildings from district administration lists, mapped in OpenStreetMap (Texty.org.ua snapshot, 2016).',
    },
    // Three unclosed ways come as LineStrings; they have no area to draw.
    geometry: 'polygon',
    fields: [
      field('name', 'name', 'string', 'Назва', 'Name'),
      ...OSM_BUILDING_FIELDS,
      // Free OSM text: one building has "8;2".
      field('building_levels', 'building:levels', 'string', 'Кількість поверхів', 'Floors'),
      field('abandoned', 'abandoned:building', 'string', 'Вид об’єкта', 'Kind of object'),
      field('note', 'note', 'string', 'Примітка', 'Note'),
      field('description', 'description', 'string', 'Опис', 'Description'),
    ],
    style: {
      color: '#6d4c41',
      opacity: 0.6,
      categoryField: 'abandoned',
      categories: [
        { value: 'yes', color: '#6d4c41', label: { uk: 'Покинута будівля', en: 'Abandoned building' } },
        { value: 'construction', color: '#f9a825', label: { uk: 'Недобудова', en: 'Unfinished construction' } },
      ],
    },
    minzoom: 11,
    licence: ODBL,
    attribution: OSM_ATTRIBUTION,
  }),
  demoSource({
    id: 'kyiv-metro-stations',
    city: 'kyiv',
    file: 'kyiv/kyiv_metro_stations.geojson',
    theme: 'transport',
    title: { uk: 'Станції метро', en: 'Metro stations' },
    description: {
      uk: '52 станції трьох ліній Київського метрополітену (набір elections-kyiv-2019, 2019 рік).',
      en: 'The 52 stations of the three Kyiv Metro lines (elections-kyiv-2019 data set, 2019).',
    },
    geometry: 'point',
    fields: [
      field('name', 'name', 'string', 'Назва станції', 'Station name'),
      field('line', 'line', 'string', 'Лінія', 'Line'),
      field('line_name', 'line_name', 'string', 'Назва лінії', 'Line name'),
      field('station_order', 'order', 'integer', 'Порядковий номер на лінії', 'Order on the line'),
    ],
    style: {
      color: '#e53935',
      radius: 6,
      label: 'name',
      categoryField: 'line',
      categories: [
        { value: 'red', color: '#e53935', label: { uk: 'Святошинсько-Броварська лінія (M1)', en: 'Sviatoshynsko-Brovarska line (M1)' } },
        { value: 'blue', color: '#1e88e5', label: { uk: 'Оболонсько-Теремківська лінія (M2)', en: 'Obolonsko-Teremkivska line (M2)' } },
        { value: 'green', color: '#43a047', label: { uk: 'Сирецько-Печерська лінія (M3)', en: 'Syretsko-Pecherska line (M3)' } },
      ],
    },
    minzoom: 9,
    licence: 'ISC',
    attribution: 'elections-kyiv-2019 (Vitaliy Yarovuy)',
  }),
  demoSource({
    id: 'kyiv-polling-stations',
    city: 'kyiv',
    file: 'kyiv/kyiv_polling_stations_2019.geojson',
    theme: 'elections',
    title: { uk: 'Виборчі дільниці', en: 'Polling stations' },
    description: {
      uk: 'Виборчі дільниці Києва на виборах Президента 2019 року з номером територіального виборчого округу (дані ЦВК, набір elections-kyiv-2019).',
      en: 'Kyiv polling stations of the 2019 presidential election with their electoral district number (CEC data, elections-kyiv-2019 data set).',
    },
    geometry: 'point',
    fields: [stationField('uik'), tvoField('tvo_id'), field('address', 'address', 'string', 'Адреса', 'Address')],
    style: { color: '#00897b', radius: 4 },
    minzoom: 10,
    licence: 'ISC',
    attribution: ELECTIONS_ATTRIBUTION,
  }),
  demoSource({
    id: 'kyiv-election-results-2019',
    city: 'kyiv',
    file: 'kyiv/kyiv_polling_stations_2019.csv',
    theme: 'elections',
    title: { uk: 'Вибори Президента 2019: перший тур', en: 'Presidential election 2019: first round' },
    description: {
      uk: 'Результати першого туру виборів Президента України 31 березня 2019 року на дільницях Києва: кількість виборців, явка й голоси за трьох лідерів (дані ЦВК).',
      en: 'First-round results of the Ukrainian presidential election of 31 March 2019 at Kyiv polling stations: voters, turnout and votes for the three leading candidates (CEC data).',
    },
    geometry: 'point',
    csv: { delimiter: ';', lat: 'lat', lon: 'lon' },
    fields: [
      stationField('uik'),
      tvoField('tikId'),
      field('address', 'address', 'string', 'Адреса', 'Address'),
      field('voters', 'voters', 'integer', 'Виборців у списку', 'Registered voters'),
      field('total_votes', 'totalVotes', 'integer', 'Проголосувало', 'Votes cast'),
      field('votes_poroshenko', 'Poroshenko', 'integer', 'За Петра Порошенка', 'For Petro Poroshenko'),
      field('votes_zelenskiy', 'Zelenskiy', 'integer', 'За Володимира Зеленського', 'For Volodymyr Zelensky'),
      field('votes_tymoshenko', 'Tymoshenko', 'integer', 'За Юлію Тимошенко', 'For Yulia Tymoshenko'),
    ],
    style: { color: '#8e24aa', radius: 5 },
    minzoom: 10,
    licence: 'ISC',
    attribution: ELECTIONS_ATTRIBUTION,
  }),
]
