/**
 * Which OpenStreetMap objects make the basemap, and what of their tags is kept. Only names,
 * classes and addresses: never a mapper's name, a phone or an opening time.
 */

/** The basemap layers an extract fills, by their suffix after the city's id. */
export const BASEMAP_KINDS = ['streets', 'buildings', 'addresses', 'water', 'waterways', 'green', 'railways', 'places'] as const
export type BasemapKind = (typeof BASEMAP_KINDS)[number]

export type Tags = Record<string, string>

/** A street's class as the style draws it, from OpenStreetMap's `highway` value. */
export const STREET_CLASSES = ['major', 'primary', 'secondary', 'tertiary', 'minor', 'service', 'path'] as const
export type StreetClass = (typeof STREET_CLASSES)[number]

const HIGHWAY_CLASS: Record<string, StreetClass> = {
  motorway: 'major', motorway_link: 'major', trunk: 'major', trunk_link: 'major',
  primary: 'primary', primary_link: 'primary',
  secondary: 'secondary', secondary_link: 'secondary',
  tertiary: 'tertiary', tertiary_link: 'tertiary',
  unclassified: 'minor', residential: 'minor', living_street: 'minor', road: 'minor',
  service: 'service', track: 'service',
  pedestrian: 'path', footway: 'path', path: 'path', cycleway: 'path', steps: 'path', bridleway: 'path',
}
const RAILWAYS = new Set(['rail', 'light_rail', 'tram', 'narrow_gauge', 'subway', 'monorail', 'funicular'])
const WATERWAYS = new Set(['river', 'canal', 'stream'])
const PLACES = new Set(['city', 'town', 'village', 'hamlet', 'suburb', 'quarter', 'neighbourhood', 'locality', 'isolated_dwelling'])
const GREEN_LEISURE = new Set(['park', 'garden', 'nature_reserve', 'playground', 'pitch', 'golf_course'])
const GREEN_LANDUSE = new Set(['grass', 'forest', 'meadow', 'recreation_ground', 'cemetery', 'village_green', 'allotments', 'orchard'])
const GREEN_NATURAL = new Set(['wood', 'scrub', 'grassland', 'heath'])

/** What a tagged object becomes: a basemap layer and its properties; null when it is not drawn. */
export interface Classified {
  kind: BasemapKind
  properties: Record<string, string | number>
}

function named(tags: Tags): Record<string, string> {
  return {
    ...(tags.name && { name: tags.name }),
    ...(tags['name:en'] && { name_en: tags['name:en'] }),
  }
}

/** The address of a building or an entrance: `addr:place` stands in for the street of a village without streets. */
function address(tags: Tags): Record<string, string> {
  const house = tags['addr:housenumber']?.trim()
  const street = (tags['addr:street'] ?? tags['addr:place'])?.trim()
  return house && street ? { addr_street: street, addr_housenumber: house } : {}
}

/** A linear way: a street, a railway or a waterway; null otherwise. */
export function classifyLine(tags: Tags): Classified | null {
  const highway = tags.highway
  if (highway && HIGHWAY_CLASS[highway] && tags.area !== 'yes') {
    return { kind: 'streets', properties: { ...named(tags), class: HIGHWAY_CLASS[highway], highway, ...(tags.tunnel === 'yes' && { tunnel: 'yes' }), ...(tags.bridge === 'yes' && { bridge: 'yes' }) } }
  }
  if (tags.railway && RAILWAYS.has(tags.railway) && tags.tunnel !== 'yes') return { kind: 'railways', properties: { ...named(tags), kind: tags.railway } }
  if (tags.waterway && WATERWAYS.has(tags.waterway) && tags.tunnel !== 'culvert') return { kind: 'waterways', properties: { ...named(tags), kind: tags.waterway } }
  return null
}

/** An area (a closed way or a multipolygon): a building, water or green space; null otherwise. */
export function classifyArea(tags: Tags): Classified | null {
  if (tags.building && tags.building !== 'no') {
    const levels = Number.parseInt(tags['building:levels'] ?? '', 10)
    return { kind: 'buildings', properties: { ...named(tags), ...address(tags), building: tags.building, ...(levels > 0 && levels < 200 && { levels }) } }
  }
  if (tags.natural === 'water' || tags.waterway === 'riverbank' || tags.landuse === 'reservoir' || tags.landuse === 'basin') {
    return { kind: 'water', properties: { ...named(tags), kind: tags.water ?? tags.natural ?? tags.landuse ?? 'water' } }
  }
  const green = (GREEN_LEISURE.has(tags.leisure ?? '') && tags.leisure) || (GREEN_LANDUSE.has(tags.landuse ?? '') && tags.landuse) || (GREEN_NATURAL.has(tags.natural ?? '') && tags.natural)
  if (green) return { kind: 'green', properties: { ...named(tags), kind: green } }
  return null
}

/** A node: a place's label or an address (an entrance, a house mapped as a point); null otherwise. */
export function classifyNode(tags: Tags): Classified | null {
  if (tags.place && PLACES.has(tags.place) && tags.name) return { kind: 'places', properties: { ...named(tags), place: tags.place } }
  const addr = address(tags)
  if (addr.addr_housenumber) return { kind: 'addresses', properties: { ...named(tags), ...addr } }
  return null
}

/** Whether a closed way is an area rather than a loop of street or railway. */
export function isArea(tags: Tags): boolean {
  if (tags.area === 'no') return false
  return classifyArea(tags) !== null && (tags.area === 'yes' || !tags.highway)
}

/** A relation that is an area made of ways: a multipolygon (or an old-style boundary of one). */
export function isMultipolygon(tags: Tags): boolean {
  return tags.type === 'multipolygon' && classifyArea(tags) !== null
}
