/** The register and the offers as the public API shows them, in JSON, GeoJSON and CSV. */
import type { Geometry } from 'geojson'
import { csvCell } from '../../layers/index.ts'
import type { InvestmentObject, PropertyObject, StreetStructure } from '../contract/index.ts'
import type { InvestmentRow, Surroundings } from './investment.queries.ts'
import type { PropertyRow } from './property.queries.ts'
import type { StreetStructureRow } from './street-structures.queries.ts'
import { streetStructuresLayerId } from './property-layers.ts'

/** The public page of a ProZorro.Sales auction. */
export function auctionUrl(lotId: string): string {
  return `https://prozorro.sale/auction/${encodeURIComponent(lotId)}`
}

/** A photo's links: the full picture and its thumbnail. */
function photoLinks(url: string, p: { id: number; caption: string }) {
  return { id: p.id, caption: p.caption, url, thumbnail_url: `${url}?size=thumb` }
}

/** A register line for the public: no private person's name (none is stored), the place withheld when sensitive. */
export function toPropertyObject(row: PropertyRow, baseUrl: string): PropertyObject {
  const leased = row.status === 'leased' || row.lessee_kind !== null || row.leased_until !== null
  return {
    id: row.id,
    city: row.city_id,
    kind: row.kind,
    register_id: row.register_id,
    name: row.name,
    cadastral_number: row.cadastral_number,
    inventory_number: row.inventory_number,
    balance_holder:
      row.balance_holder_id || row.balance_holder_name || row.balance_holder_edrpou
        ? { id: row.balance_holder_id, name: row.balance_holder_name, edrpou: row.balance_holder_edrpou }
        : null,
    owner: row.owner_name,
    user: row.user_name,
    nk018_class: row.nk018_class,
    purpose_code: row.purpose_code,
    purpose: row.purpose,
    area_m2: row.area_m2,
    normative_value: row.normative_value,
    rights_registration: row.rights_registration,
    condition: row.condition,
    utilities: row.utilities as PropertyObject['utilities'],
    status: row.status,
    lease: leased ? { lessee: row.lessee_kind === 'organisation' ? row.lessee_name : null, from: row.leased_from, until: row.leased_until } : null,
    auction: row.auction_lot_id ? { lot_id: row.auction_lot_id, start: row.auction_start, end: row.auction_end, url: auctionUrl(row.auction_lot_id) } : null,
    address: row.address,
    district: row.district_id !== null && row.district_name !== null ? { id: row.district_id, name: row.district_name } : null,
    sensitive: row.sensitive,
    geometry: (row.sensitive ? null : row.geometry) as PropertyObject['geometry'],
    photos: row.photos.map((p) => photoLinks(`${baseUrl}/api/property/${row.id}/photos/${p.id}`, p)),
    documents: row.documents.map((d) => ({ ...d, url: `${baseUrl}/api/property/${row.id}/documents/${d.id}` })),
    source: row.source,
    synthetic: row.synthetic,
    updated_at: row.updated_at.toISOString(),
    url: `${baseUrl}/property/${row.id}`,
  }
}

/** An offer for investors, with the zones it lies in and what is nearest. */
export function toInvestmentObject(
  row: InvestmentRow,
  baseUrl: string,
  around: Surroundings,
): InvestmentObject {
  return {
    id: row.id,
    city: row.city_id,
    kind: row.kind,
    title: row.title,
    description: row.description,
    area_m2: row.area_m2,
    purpose_code: row.purpose_code,
    permitted_use: row.permitted_use,
    zoning: around.zoning,
    deal: row.deal,
    start_price: row.start_price,
    term_years: row.term_years,
    utilities: row.utilities as InvestmentObject['utilities'],
    status: row.status,
    auction: row.auction_lot_id ? { lot_id: row.auction_lot_id, url: auctionUrl(row.auction_lot_id) } : null,
    nearest: around.nearest,
    contact: { organisation: row.contact_organisation, email: row.contact_email, phone: row.contact_phone },
    address: row.address,
    district: row.district_id !== null && row.district_name !== null ? { id: row.district_id, name: row.district_name } : null,
    property_id: row.property_id,
    published: row.published,
    photos: row.photos.map((p) => photoLinks(p.property_id === null ? `${baseUrl}/api/investment/objects/${row.id}/photos/${p.id}` : `${baseUrl}/api/property/${p.property_id}/photos/${p.id}`, p)),
    geometry: row.geometry as InvestmentObject['geometry'],
    synthetic: row.synthetic,
    updated_at: row.updated_at.toISOString(),
    url: `${baseUrl}/investment/${row.id}`,
  }
}

/** The flat fields of a register line in GeoJSON properties and CSV columns, in this order. */
export const PROPERTY_COLUMNS = [
  'id', 'city', 'kind', 'register_id', 'name', 'cadastral_number', 'inventory_number', 'balance_holder_id', 'balance_holder_name',
  'balance_holder_edrpou', 'owner', 'user', 'nk018_class', 'purpose_code', 'purpose', 'area_m2', 'normative_value', 'rights_registration',
  'condition', 'utilities', 'status', 'lease_lessee', 'lease_from', 'lease_until', 'auction_lot_id', 'auction_start', 'auction_end',
  'auction_url', 'address', 'district_id', 'district_name', 'sensitive', 'source', 'synthetic', 'updated_at', 'url',
] as const

/** The flat fields of an offer in GeoJSON properties and CSV columns, in this order. */
export const INVESTMENT_COLUMNS = [
  'id', 'city', 'kind', 'title_uk', 'title_en', 'description_uk', 'description_en', 'area_m2', 'purpose_code', 'permitted_use_uk',
  'permitted_use_en', 'zoning', 'deal', 'start_price', 'term_years', 'utilities', 'status', 'auction_lot_id', 'auction_url',
  'nearest_main_road_metres', 'nearest_rail_metres', 'nearest_public_transport_metres', 'nearest_public_transport_name',
  'contact_organisation', 'contact_email', 'contact_phone', 'address', 'district_id', 'district_name', 'property_id', 'synthetic',
  'updated_at', 'url',
] as const

/** Nested parts spread into `a_b` names; lists joined with `;`. */
function flatten(value: Record<string, unknown>, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}_${key}` : key
    if (Array.isArray(v)) out[name] = v.map((x) => (x !== null && typeof x === 'object' ? ((x as { zone?: string }).zone ?? JSON.stringify(x)) : x)).join(';')
    else if (v !== null && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, name))
    else out[name] = v
  }
  return out
}

/** An object's flat fields under the given columns; a part that is null leaves its columns empty. */
function flatRecord(object: PropertyObject | InvestmentObject, columns: readonly string[]): Record<string, unknown> {
  const flat = flatten(object as unknown as Record<string, unknown>)
  return Object.fromEntries(columns.map((c) => [c, flat[c] ?? null]))
}

/** Objects as a GeoJSON FeatureCollection; a withheld place is a null geometry, as RFC 7946 allows. */
export function toFeatureCollection(
  objects: ReadonlyArray<PropertyObject | InvestmentObject>,
  columns: readonly string[],
  numberMatched: number,
  links: Array<{ rel: string; href: string; type: string }>,
) {
  return {
    type: 'FeatureCollection' as const,
    numberMatched,
    numberReturned: objects.length,
    links,
    features: objects.map((o) => ({ type: 'Feature' as const, id: o.id, geometry: o.geometry, properties: flatRecord(o, columns.filter((c) => c !== 'id')) })),
  }
}

/** A geometry as WKT for the CSV's `WKT` column, the name GDAL and QGIS look for. */
function wkt(geometry: Geometry | null): string {
  if (!geometry) return ''
  const ring = (positions: number[][]) => `(${positions.map((p) => `${p[0]} ${p[1]}`).join(', ')})`
  switch (geometry.type) {
    case 'Point':
      return `POINT (${geometry.coordinates[0]} ${geometry.coordinates[1]})`
    case 'Polygon':
      return `POLYGON (${geometry.coordinates.map(ring).join(', ')})`
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map((p) => `(${p.map(ring).join(', ')})`).join(', ')})`
    case 'LineString':
      return `LINESTRING ${ring(geometry.coordinates)}`
    default:
      return ''
  }
}

/** A representative lon/lat of a geometry: a point's own, else the middle of its bounding box. */
function lonLat(geometry: Geometry | null): [number | null, number | null] {
  if (!geometry) return [null, null]
  if (geometry.type === 'Point') return [geometry.coordinates[0]!, geometry.coordinates[1]!]
  const all = JSON.stringify(geometry.type === 'GeometryCollection' ? [] : geometry.coordinates).match(/-?\d+(\.\d+)?(e-?\d+)?/g)?.map(Number) ?? []
  const xs = all.filter((_, i) => i % 2 === 0)
  const ys = all.filter((_, i) => i % 2 === 1)
  if (!xs.length) return [null, null]
  return [Number(((Math.min(...xs) + Math.max(...xs)) / 2).toFixed(7)), Number(((Math.min(...ys) + Math.max(...ys)) / 2).toFixed(7))]
}

/**
 * Objects as CSV (UTF-8 with BOM, RFC 4180): the columns, then `lon`/`lat` of a representative
 * point and the whole geometry as `WKT`, which GDAL and QGIS read as the geometry.
 */
export function* toCsv(objects: Iterable<PropertyObject | InvestmentObject>, columns: readonly string[]): Generator<string> {
  yield `\uFEFF${[...columns, 'lon', 'lat', 'WKT'].map(csvCell).join(',')}\r\n`
  for (const o of objects) {
    const flat = flatRecord(o, columns)
    const geometry = o.geometry as Geometry | null
    yield `${[...columns.map((c) => flat[c]), ...lonLat(geometry), wkt(geometry)].map(csvCell).join(',')}\r\n`
  }
}

/** A structure of a street register for the public: the holder only when an organisation. */
export function toStreetStructure(row: StreetStructureRow): StreetStructure {
  return {
    id: row.id,
    city: row.city_id,
    register: row.register,
    kind: row.kind,
    permit_number: row.permit_number,
    permit_from: row.permit_from,
    permit_until: row.permit_until,
    status: row.status,
    holder: row.holder_name,
    organisation: row.organisation_id && row.organisation_name ? { id: row.organisation_id, name: row.organisation_name } : null,
    business: row.business,
    area_m2: row.area_m2,
    address: row.address,
    geometry: row.geometry as StreetStructure['geometry'],
    feature: row.feature_id !== null ? { layer: streetStructuresLayerId(row.city_id, row.register), id: row.feature_id } : null,
    synthetic: row.synthetic,
    updated_at: row.updated_at.toISOString(),
  }
}
