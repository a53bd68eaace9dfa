/**
 * The catalogue as DCAT-AP (versions 2 and 3 agree on everything used here) in JSON-LD: one
 * `dcat:Catalog` with a `dcat:Dataset` per public layer, a `dcat:Distribution` per export and one
 * for the OGC API Features collection. The `@context` is inline, so a harvester expands it
 * without fetching anything.
 */
import type { DataPassport, ExportFormat, LocalizedText, ThemeId, UpdateFrequency } from '../contract/index.ts'
import { EXPORT_MEDIA_TYPES, RESOLUTION_835 } from './passport.ts'

const EU = 'http://publications.europa.eu/resource/authority'

/** The JSON-LD context: prefixes only, no remote document. */
export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  locn: 'http://www.w3.org/ns/locn#',
  gsp: 'http://www.opengis.net/ont/geosparql#',
  adms: 'http://www.w3.org/ns/adms#',
} as const

/** The EU frequency vocabulary's code of each update frequency. */
const FREQUENCY: Readonly<Record<UpdateFrequency, string>> = {
  continuous: 'UPDATE_CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  annual: 'ANNUAL',
  irregular: 'IRREG',
  never: 'NEVER',
}

/** The EU data theme each of the catalogue's themes falls under. */
const DATA_THEME: Readonly<Record<ThemeId, string>> = {
  'boundaries': 'REGI',
  'districts': 'REGI',
  'urban-planning': 'REGI',
  'property-land': 'REGI',
  'investment': 'ECON',
  'development-budget': 'GOVE',
  'repairs': 'GOVE',
  'structures': 'ECON',
  'trade': 'ECON',
  'social': 'SOCI',
  'buildings': 'REGI',
  'transport': 'TRAN',
  'elections': 'GOVE',
  'culture': 'EDUC',
  'education': 'EDUC',
  'sport': 'EDUC',
  'health': 'HEAL',
  'road-safety': 'TRAN',
  'environment': 'ENVI',
  'appeals': 'GOVE',
}

/** The EU file type of each export; FlatGeobuf has none of its own. */
const FILE_TYPE: Readonly<Record<ExportFormat, string>> = { geojson: 'GEOJSON', csv: 'CSV', gpkg: 'GPKG', fgb: 'OCTET' }
/** Media types in the IANA register; FlatGeobuf's (`application/vnd.flatgeobuf`) is not, so it is left out. */
const IANA_REGISTERED: ReadonlySet<ExportFormat> = new Set(['geojson', 'csv', 'gpkg'])
const FORMAT_TITLE: Readonly<Record<ExportFormat, string>> = { geojson: 'GeoJSON', csv: 'CSV', gpkg: 'GeoPackage', fgb: 'FlatGeobuf' }

const OGC_FEATURES_CORE = 'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core'

/** Bilingual text as two language-tagged literals. */
const tagged = (text: LocalizedText) => [
  { '@value': text.uk, '@language': 'uk' },
  { '@value': text.en, '@language': 'en' },
]
const iri = (id: string) => ({ '@id': id })

/** A lon/lat box as a WKT polygon (`gsp:wktLiteral`), as DCAT-AP's `dcat:bbox` takes it. */
function wktBox([w, s, e, n]: readonly number[]) {
  return { '@value': `POLYGON((${w} ${s},${e} ${s},${e} ${n},${w} ${n},${w} ${s}))`, '@type': 'gsp:wktLiteral' }
}

/** The description, with what of the data is generated when any of it is. */
function syntheticNote(p: DataPassport): LocalizedText {
  if (!p.synthetic) return p.description
  if (p.synthetic_features < p.feature_count) {
    const n = p.synthetic_features
    return { uk: `${p.description.uk} Синтетичних (згенерованих) об’єктів: ${n} з ${p.feature_count}.`, en: `${p.description.en} Synthetic (generated) features: ${n} of ${p.feature_count}.` }
  }
  return { uk: `${p.description.uk} Синтетичні (згенеровані) дані.`, en: `${p.description.en} Synthetic (generated) data.` }
}

function toDataset(p: DataPassport, baseUrl: string) {
  const licence = iri(p.licence.url)
  const description = syntheticNote(p)
  return {
    '@id': `${baseUrl}/data#${p.id}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': p.id,
    'dct:title': tagged(p.title),
    'dct:description': tagged(description),
    'dct:publisher': { '@type': 'foaf:Organization', 'foaf:name': tagged(p.owner.name) },
    'dcat:contactPoint': {
      '@type': 'vcard:Organization',
      'vcard:fn': tagged(p.owner.name),
      'vcard:role': tagged(p.responsible.role),
      'vcard:hasURL': iri(`${baseUrl}/data`),
    },
    'dct:accrualPeriodicity': iri(`${EU}/frequency/${FREQUENCY[p.update_frequency]}`),
    'dct:modified': { '@value': p.updated_at, '@type': 'xsd:dateTime' },
    'dct:license': licence,
    'dct:rights': { '@type': 'dct:RightsStatement', 'dct:description': [{ '@value': `${p.licence.title}. ${p.attribution}`, '@language': 'en' }] },
    'dct:accessRights': iri(`${EU}/access-right/PUBLIC`),
    'dct:conformsTo': { '@type': 'dct:Standard', 'dct:title': tagged(p.legal_basis) },
    'dct:source': p.source,
    ...(p.bbox && { 'dct:spatial': { '@type': 'dct:Location', 'dcat:bbox': wktBox(p.bbox) } }),
    'dcat:theme': iri(`${EU}/data-theme/${DATA_THEME[p.theme]}`),
    'dcat:keyword': [p.theme, p.city, ...(p.synthetic ? ['synthetic'] : [])],
    'dcat:landingPage': iri(p.links.map),
    'dcat:distribution': [
      ...p.distributions.map((d) => ({
        '@id': d.url,
        '@type': 'dcat:Distribution',
        'dct:title': FORMAT_TITLE[d.format],
        'dct:format': iri(`${EU}/file-type/${FILE_TYPE[d.format]}`),
        ...(IANA_REGISTERED.has(d.format) && { 'dcat:mediaType': iri(`https://www.iana.org/assignments/media-types/${EXPORT_MEDIA_TYPES[d.format]}`) }),
        'dcat:downloadURL': iri(d.url),
        ...(d.size !== null && { 'dcat:byteSize': { '@value': String(d.size), '@type': 'xsd:nonNegativeInteger' } }),
        'dcat:accessURL': iri(d.url),
        'dct:license': licence,
      })),
      {
        '@id': p.links.ogc_collection,
        '@type': 'dcat:Distribution',
        'dct:title': 'OGC API - Features',
        'dcat:accessURL': iri(p.links.ogc_collection),
        'dcat:mediaType': iri('https://www.iana.org/assignments/media-types/application/geo+json'),
        'dct:conformsTo': iri(OGC_FEATURES_CORE),
        'dct:license': licence,
        'dcat:accessService': {
          '@type': 'dcat:DataService',
          'dct:title': 'OGC API - Features',
          'dcat:endpointURL': iri(`${baseUrl}/ogc`),
          'dct:conformsTo': iri(OGC_FEATURES_CORE),
        },
      },
    ],
  }
}

/** The DCAT-AP catalogue of these passports, published at `baseUrl`. */
export function toDcatCatalog(passports: readonly DataPassport[], baseUrl: string) {
  return {
    '@context': DCAT_CONTEXT,
    '@id': `${baseUrl}/data/catalog.jsonld`,
    '@type': 'dcat:Catalog',
    'dct:title': tagged({ uk: 'Відкриті дані громади', en: "The hromada's open data" }),
    'dct:description': tagged({
      uk: `Шари карти громади як відкриті дані з паспортами наборів даних. ${RESOLUTION_835.uk}.`,
      en: `The hromada's map layers as open data, each with its data passport. ${RESOLUTION_835.en}.`,
    }),
    'dct:publisher': { '@id': `${baseUrl}/data#publisher`, '@type': 'foaf:Agent', 'foaf:name': tagged({ uk: 'Карта громади', en: 'Hromada Map' }) },
    'foaf:homepage': iri(`${baseUrl}/data`),
    'dct:language': [iri(`${EU}/language/UKR`), iri(`${EU}/language/ENG`)],
    'dcat:dataset': passports.map((p) => toDataset(p, baseUrl)),
  }
}
