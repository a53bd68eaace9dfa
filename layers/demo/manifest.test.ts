import { readdirSync, readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { Feature, Geometry, Position } from 'geojson'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import type { GeometryKind } from '../catalogue/index.ts'
import type { DemoSource } from './demo-source.ts'
import { DEMO_CITIES, DEMO_DATA_DIR, DEMO_SOURCES } from './manifest.ts'

interface LoadedFile {
  features: Feature[]
  /** Every property key of the file: the CSV header, or the union over all features. */
  keys: Set<string>
}

const loaded = new Map<string, LoadedFile>()

/** Reads a vendored file once; CSV rows become Point features built from the lat/lon columns. */
function load(source: DemoSource): LoadedFile {
  const cached = loaded.get(source.file)
  if (cached) return cached
  const raw = readFileSync(new URL(source.file, DEMO_DATA_DIR))
  const text = (source.file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')
  let file: LoadedFile
  if (source.csv) {
    const { delimiter, lat, lon } = source.csv
    const rows: Record<string, string>[] = parse(text, { delimiter, columns: true })
    const header = text.slice(0, text.indexOf('\n')).trim().split(delimiter)
    file = {
      keys: new Set(header),
      features: rows.map((row) => ({
        type: 'Feature',
        properties: row,
        geometry: { type: 'Point', coordinates: [Number(row[lon]), Number(row[lat])] },
      })),
    }
  } else {
    const features = (JSON.parse(text) as { features: Feature[] }).features
    file = { features, keys: new Set(features.flatMap((f) => Object.keys(f.properties ?? {}))) }
  }
  loaded.set(source.file, file)
  return file
}

function family(geometry: Geometry | null): GeometryKind | undefined {
  switch (geometry?.type) {
    case 'Point':
    case 'MultiPoint':
      return 'point'
    case 'LineString':
    case 'MultiLineString':
      return 'line'
    case 'Polygon':
    case 'MultiPolygon':
      return 'polygon'
    default:
      return undefined
  }
}

type Coordinates = Position | Coordinates[]

function flatten(coordinates: Coordinates): Position[] {
  return typeof coordinates[0] === 'number' ? [coordinates as Position] : (coordinates as Coordinates[]).flatMap(flatten)
}

function positions(geometry: Geometry): Position[] {
  return geometry.type === 'GeometryCollection' ? geometry.geometries.flatMap(positions) : flatten(geometry.coordinates)
}

/** The features a source keeps: its geometry family, inside its bbox, passing its `where`. */
function kept(source: DemoSource): Feature[] {
  return load(source).features.filter((f) => {
    if (family(f.geometry) !== source.geometry) return false
    if (source.bbox) {
      const [west, south, east, north] = source.bbox
      const inside = positions(f.geometry).every(([x = NaN, y = NaN]) => x >= west && x <= east && y >= south && y <= north)
      if (!inside) return false
    }
    return source.where ? source.where(f.properties ?? {}) : true
  })
}

const sourceById = (id: string) => DEMO_SOURCES.find((s) => s.layer.id === id)

describe('demo manifest', () => {
  it('references every vendored data file', () => {
    const vendored = readdirSync(DEMO_DATA_DIR, { recursive: true, encoding: 'utf8' })
      .filter((path) => /\.(geojson|geojson\.gz|csv)$/.test(path))
      .sort()
    expect(vendored).toHaveLength(19)
    const referenced = new Set(DEMO_SOURCES.map((s) => s.file))
    expect(vendored.filter((path) => !referenced.has(path))).toEqual([])
    expect([...referenced].filter((path) => !vendored.includes(path))).toEqual([])
  })

  it('gives every layer a unique `<city>-<name>` id of a known city', () => {
    const ids = DEMO_SOURCES.map((s) => s.layer.id)
    expect(new Set(ids).size).toBe(ids.length)
    const cities = new Set(DEMO_CITIES.map((c) => c.slug))
    for (const { layer } of DEMO_SOURCES) {
      expect(cities.has(layer.city), layer.id).toBe(true)
      expect(layer.id).toMatch(new RegExp(`^${layer.city}-[a-z0-9-]+$`))
    }
  })

  it('pairs every stored property with exactly one attribute field', () => {
    for (const { layer, properties } of DEMO_SOURCES) {
      const names = layer.attributes.map((a) => a.name)
      expect(names.sort(), layer.id).toEqual(Object.keys(properties).sort())
      expect(new Set(names).size, layer.id).toBe(names.length)
    }
  })

  it('stores properties under snake_case ASCII names', () => {
    for (const { layer, properties } of DEMO_SOURCES) {
      for (const name of Object.keys(properties)) expect(name, layer.id).toMatch(/^[a-z][a-z0-9_]*$/)
    }
  })

  it('reads only source keys that occur in the file', () => {
    for (const source of DEMO_SOURCES) {
      const { keys } = load(source)
      const missing = Object.values(source.properties).filter((key) => !keys.has(key))
      expect(missing, source.layer.id).toEqual([])
    }
  })

  it('never stores the lessee or the licence holder', () => {
    const personal = [
      { file: /land_parcels/, key: 'rent_renter' },
      { file: /alcohol_licenses/, key: 'name' },
    ]
    for (const source of DEMO_SOURCES) {
      for (const { file, key } of personal) {
        if (!file.test(source.file)) continue
        expect(Object.values(source.properties), source.layer.id).not.toContain(key)
        expect(Object.keys(source.properties), source.layer.id).not.toContain(key)
      }
    }
  })

  it('labels and colours features only by stored attributes and existing values', () => {
    for (const source of DEMO_SOURCES) {
      const { label, categoryField, categories = [] } = source.layer.style
      const stored = Object.keys(source.properties)
      if (label) expect(stored, source.layer.id).toContain(label)
      if (!categoryField) continue
      expect(stored, source.layer.id).toContain(categoryField)
      const sourceKey = source.properties[categoryField] ?? ''
      const values = new Set(kept(source).map((f) => f.properties?.[sourceKey]))
      for (const { value } of categories) expect(values.has(value), `${source.layer.id}: ${value}`).toBe(true)
    }
  })

  it('names the source of each layer as SOURCES.md records its file, and a licence that is never "not stated"', () => {
    const sourcesList = readFileSync(new URL('SOURCES.md', DEMO_DATA_DIR), 'utf8')
    for (const { file, layer } of DEMO_SOURCES) {
      const section = sourcesList.split(`\n## ${file.replace(/\.gz$/, '')}\n`)[1]?.split('\n## ')[0]
      expect(section, file).toBeDefined()
      expect(section, layer.id).toContain(`**Source:** \`${layer.source}\``)
      expect(layer.licence, layer.id).not.toMatch(/not stated/i)
      expect(layer.updateFrequency, layer.id).toBe('never')
    }
  })

  it('says "source licence unknown" exactly where SOURCES.md finds no licence', () => {
    const sourcesList = readFileSync(new URL('SOURCES.md', DEMO_DATA_DIR), 'utf8')
    for (const { file, layer } of DEMO_SOURCES) {
      const section = sourcesList.split(`\n## ${file.replace(/\.gz$/, '')}\n`)[1]!.split('\n## ')[0]!
      const licenceLine = /\*\*Licence:\*\* (.*)/.exec(section)![1]!
      expect(layer.licence.includes('source licence unknown'), `${layer.id}: ${licenceLine}`).toBe(/not stated/i.test(licenceLine))
    }
  })

  it('keeps zoom ranges within the tile pyramid', () => {
    for (const { layer } of DEMO_SOURCES) {
      expect(layer.minzoom, layer.id).toBeGreaterThanOrEqual(0)
      expect(layer.minzoom, layer.id).toBeLessThanOrEqual(layer.maxzoom)
      expect(layer.maxzoom, layer.id).toBeLessThanOrEqual(16)
    }
  })

  it('derives each city boundary and district set from a layer of that city', () => {
    for (const city of DEMO_CITIES) {
      const boundary = sourceById(city.boundary.layer)
      expect(boundary?.layer.city, city.slug).toBe(city.slug)
      if (!city.districts) continue
      const districts = sourceById(city.districts.layer)
      expect(districts?.layer.city, city.slug).toBe(city.slug)
      expect(Object.keys(districts?.properties ?? {}), city.slug).toContain(city.districts.nameField)
    }
  })

  it('drops the Mykolaivka project geocoded ~100 km north of Marhanets', () => {
    for (const id of ['marhanets-participatory-budget', 'marhanets-city-objects']) {
      const source = sourceById(id)!
      const dropped = load(source).features.filter((f) => !kept(source).includes(f))
      expect(dropped.map((f) => f.properties?.['address']), id).toEqual(['с. Миколаївка'])
    }
  })

  it('drops the licence geocoded outside Ukraine', () => {
    const latitudes = kept(sourceById('kyiv-alcohol-licenses')!).map((f) => positions(f.geometry)[0]?.[1] ?? NaN)
    expect(Math.min(...latitudes)).toBeGreaterThan(50)
  })

  it('keeps the expected number of features per layer', () => {
    const counts = Object.fromEntries(DEMO_SOURCES.map((s) => [s.layer.id, kept(s).length]))
    expect(counts).toEqual({
      'kyiv-city-boundary': 1,
      'kyiv-districts': 10,
      'kyiv-land-parcels': 12650,
      'kyiv-alcohol-licenses': 7245,
      'kyiv-abandoned-buildings': 307,
      'kyiv-metro-stations': 52,
      'kyiv-polling-stations': 1106,
      'kyiv-election-results-2019': 1106,
      'kharkiv-districts': 9,
      'kharkiv-buildings': 1295,
      'kharkiv-damaged-buildings': 67,
      'kharkiv-alcohol-licenses': 2107,
      'zhytomyr-city-boundary': 1,
      'zhytomyr-raion-hromadas': 31,
      'zhytomyr-city-districts': 2,
      'zhytomyr-transit-routes': 58,
      'zhytomyr-transit-stops': 1498,
      'zhytomyr-transit-segments': 1475,
      'marhanets-participatory-budget': 7,
      'marhanets-city-objects': 31,
    })
  })
})
