/**
 * Kyiv's territorial electoral districts (ТВО №211–223) as polygons. No official boundary file
 * is public, so they are derived from the 2019 polling stations, each of which names its
 * district: every point of the city belongs to the district of its nearest polling station.
 */
import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { type AttributeField, type LayerDefinition, type LocalizedText, saveLayerDefinition } from '../catalogue/index.ts'
import { TILE_MAXZOOM } from './define-source.ts'
import { insertElectoralDistrictPolygons, layerHasFeatures, lockElectoralDistrictsBuild } from './demo.queries.ts'
import { DEMO_FILE_SOURCES } from './file-sources.ts'
import { ELECTIONS_ATTRIBUTION } from './kyiv-sources.ts'

/** Id of the derived layer; the deputies API finds a city's districts as `<city>-electoral-districts`. */
export const ELECTORAL_DISTRICTS_LAYER = 'kyiv-electoral-districts'

// Both demo layers store the district number as `tvo`; only the results file has voters.
const STATIONS_LAYER = 'kyiv-polling-stations'
const RESULTS_LAYER = 'kyiv-election-results-2019'

/**
 * The deputy's public fields as the districts layer carries them: feature property → column of
 * `deputies`. The deputies module writes them; the layer only declares them.
 */
export const DEPUTY_PROPERTIES = {
  deputy_name: 'name',
  deputy_faction: 'faction',
  deputy_reception_address: 'reception_address',
  deputy_reception_hours: 'reception_hours',
  deputy_email: 'email',
  deputy_phone: 'phone',
} as const

const DEPUTY_LABELS: Record<keyof typeof DEPUTY_PROPERTIES, LocalizedText> = {
  deputy_name: { uk: 'Депутат', en: 'Deputy' },
  deputy_faction: { uk: 'Фракція', en: 'Faction' },
  deputy_reception_address: { uk: 'Громадська приймальня', en: 'Reception office' },
  deputy_reception_hours: { uk: 'Години прийому', en: 'Reception hours' },
  deputy_email: { uk: 'Ел. пошта приймальні', en: 'Office e-mail' },
  deputy_phone: { uk: 'Телефон приймальні', en: 'Office phone' },
}

const ATTRIBUTES: AttributeField[] = [
  { name: 'number', type: 'integer', label: { uk: 'Номер округу', en: 'District number' }, public: true, overview: true },
  { name: 'name', type: 'string', label: { uk: 'Округ', en: 'District' }, public: true, overview: true },
  { name: 'station_count', type: 'integer', label: { uk: 'Виборчих дільниць', en: 'Polling stations' }, public: true },
  { name: 'voters', type: 'integer', label: { uk: 'Виборців у списках (2019)', en: 'Registered voters (2019)' }, public: true },
  ...Object.entries(DEPUTY_LABELS).map(([name, label]) => ({ name, type: 'string' as const, label, public: true })),
]

/** The catalogue entry of Kyiv's electoral districts: outlined polygons labelled "ТВО №…". */
export const ELECTORAL_DISTRICTS_DEFINITION: LayerDefinition = {
  id: ELECTORAL_DISTRICTS_LAYER,
  city: 'kyiv',
  theme: 'elections',
  title: { uk: 'Виборчі округи депутатів (ТВО)', en: "Deputies' electoral districts (TVO)" },
  description: {
    uk: 'Територіальні виборчі округи №211–223, відновлені за виборчими дільницями 2019 року: кожна точка міста належить до округу найближчої дільниці. Межі наближені.',
    en: 'Territorial electoral districts no. 211–223 reconstructed from the 2019 polling stations: every point of the city belongs to the district of its nearest station. The lines are approximate.',
  },
  geometryType: 'polygon',
  attributes: ATTRIBUTES,
  style: { color: '#00897b', stroke: '#00695c', opacity: 0.06, width: 2, label: 'name' },
  minzoom: 8,
  maxzoom: TILE_MAXZOOM,
  licence: 'ISC',
  attribution: ELECTIONS_ATTRIBUTION,
  source: `derived from the polling stations: ${DEMO_FILE_SOURCES['kyiv/kyiv_polling_stations_2019.geojson']}`,
  updateFrequency: 'never',
}

/**
 * Writes the layer's catalogue row and, when it has no features yet, builds them, inside the
 * caller's transaction so that whatever the caller derives from the new districts commits with
 * them. Safe at every start: a built layer keeps its features and version. Returns whether it
 * built them.
 */
export async function ensureElectoralDistricts(trx: Transaction<DB>): Promise<boolean> {
  await lockElectoralDistrictsBuild(trx)
  await saveLayerDefinition(trx, ELECTORAL_DISTRICTS_DEFINITION)
  if (await layerHasFeatures(trx, ELECTORAL_DISTRICTS_LAYER)) return false
  await insertElectoralDistrictPolygons(trx, { city: ELECTORAL_DISTRICTS_DEFINITION.city, stations: STATIONS_LAYER, results: RESULTS_LAYER, districts: ELECTORAL_DISTRICTS_LAYER })
  return true
}
