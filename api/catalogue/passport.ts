import { holdsSyntheticData } from '../../layers/index.ts'
import { tileJsonUrl } from '../../tiles/index.ts'
import { type DataPassport, EXPORT_FORMATS, type ExportFormat, type LocalizedText, type LonLatBox, type ThemeId, type UpdateFrequency } from '../contract/index.ts'
import { licenceOf } from './licences.ts'
import type { PassportRow } from './passport.queries.ts'

/** CMU Resolution No 835, under which every public layer is published as open data. */
export const RESOLUTION_835: LocalizedText = {
  uk: 'Постанова Кабінету Міністрів України від 21.10.2015 № 835 «Про затвердження Положення про набори даних, які підлягають оприлюдненню у формі відкритих даних»',
  en: 'Resolution of the Cabinet of Ministers of Ukraine No 835 of 21 October 2015 "On approval of the Regulation on datasets to be published as open data"',
}

/**
 * The position that answers for a layer whose row names none: the officer CMU Resolution No 835
 * asks each data holder to appoint. A position, never a person.
 */
export const DEFAULT_RESPONSIBLE_ROLE: LocalizedText = {
  uk: 'Відповідальна особа за оприлюднення відкритих даних',
  en: 'Officer responsible for publishing open data',
}

/** The IANA media type of each export. */
export const EXPORT_MEDIA_TYPES: Readonly<Record<ExportFormat, string>> = {
  geojson: 'application/geo+json',
  csv: 'text/csv',
  gpkg: 'application/geopackage+sqlite3',
  fgb: 'application/vnd.flatgeobuf',
}

/** Where the list of the demo data's sources and licences is served. */
export const sourcesListUrl = (baseUrl: string) => `${baseUrl}/data/SOURCES.md`

/** The owner organisation of a layer that has none: the council of its city. */
function cityCouncil(cityName: LocalizedText): LocalizedText {
  return { uk: `Міська рада (${cityName.uk})`, en: `City council of ${cityName.en}` }
}

/** What a layer is published under: its own decision, if it was made by one, and always CMU Resolution No 835. */
function legalBasisOf(row: PassportRow): LocalizedText {
  const { layer } = row
  if (layer.legal_basis) return layer.legal_basis
  if (!layer.decision_number) return RESOLUTION_835
  const date = layer.decision_date ? ` від ${layer.decision_date}` : ''
  const dateEn = layer.decision_date ? ` of ${layer.decision_date}` : ''
  return {
    uk: `Рішення № ${layer.decision_number}${date}; ${RESOLUTION_835.uk}`,
    en: `Decision No ${layer.decision_number}${dateEn}; ${RESOLUTION_835.en}`,
  }
}

/** Where a layer's data comes from: its recorded source, else its owner's own records. */
function sourceOf(row: PassportRow, owner: LocalizedText): string {
  if (row.layer.source.trim()) return row.layer.source
  if (row.layer.synthetic) return 'Generated for the demonstration by Hromada Map (synthetic data)'
  return `${owner.en}: its own records, published on this map`
}

/**
 * A public layer's data passport: the fields CMU Resolution No 835 asks of an open dataset, with
 * defaults from the layer's city and organisation where the layer names none, and the URLs of
 * its files (with their `sizes` where they are written) and services on `baseUrl`.
 */
export function toDataPassport(row: PassportRow, baseUrl: string, sizes: Partial<Record<ExportFormat, number>> = {}): DataPassport {
  const { layer } = row
  const owner = row.organisation?.name ?? cityCouncil(row.cityName)
  const id = layer.id
  return {
    id,
    city: layer.city_id,
    city_name: row.cityName,
    theme: layer.theme as ThemeId,
    title: layer.title,
    description: layer.description,
    owner: { id: row.organisation?.id ?? null, name: owner },
    responsible: { role: layer.responsible_role ?? DEFAULT_RESPONSIBLE_ROLE },
    update_frequency: layer.update_frequency as UpdateFrequency,
    updated_at: layer.updated_at.toISOString(),
    legal_basis: legalBasisOf(row),
    licence: (({ id: licenceId, title, url, known }) => ({ id: licenceId, title, url, known }))(licenceOf(layer.licence, sourcesListUrl(baseUrl))),
    attribution: layer.attribution.trim() || owner.uk,
    source: sourceOf(row, owner),
    fields: layer.attributes.filter((a) => a.public).map(({ name, type, label }) => ({ name, type, label })),
    geometry_type: layer.geometry_type,
    feature_count: layer.feature_count,
    data_bytes: row.dataBytes,
    bbox: layer.bbox as LonLatBox | null,
    synthetic: holdsSyntheticData(layer, row),
    synthetic_features: layer.synthetic ? layer.feature_count : row.syntheticFeatures,
    distributions: EXPORT_FORMATS.map((format) => ({ format, media_type: EXPORT_MEDIA_TYPES[format], url: `${baseUrl}/api/layers/${id}/export.${format}`, size: sizes[format] ?? null })),
    links: {
      map: `${baseUrl}/?city=${layer.city_id}&layers=${id}`,
      tilejson: tileJsonUrl(baseUrl, layer),
      style: `${baseUrl}/styles/${layer.city_id}.json`,
      ogc_collection: `${baseUrl}/ogc/collections/${id}`,
      dcat: `${baseUrl}/data/catalog.jsonld`,
      ckan: `${baseUrl}/api/3/action/package_show?id=${id}`,
    },
  }
}
