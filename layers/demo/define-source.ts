import type {
  AttributeField,
  AttributeType,
  CitySlug,
  GeometryKind,
  LayerStyle,
  LocalizedText,
  ThemeId,
} from '../catalogue/index.ts'
import { TILE_MAXZOOM } from '../catalogue/index.ts'
import type { DemoSource, LonLatBox } from './demo-source.ts'
import { DEMO_FILE_SOURCES } from './file-sources.ts'

export { ODBL, OSM_ATTRIBUTION, SOURCE_LICENCE_UNKNOWN, TILE_MAXZOOM } from '../catalogue/index.ts'

/**
 * One stored attribute together with the source key it is read from, so that the importer's
 * whitelist (`properties`) and the public schema (`attributes`) cannot drift apart.
 */
export interface FieldSpec {
  /** Stored name: snake_case ASCII. */
  name: string
  /** Key in the source feature properties or CSV header. */
  from: string
  type: AttributeType
  label: LocalizedText
  /** Defaults to true; personal data is better left out than hidden. */
  public?: boolean
  /** Carried in tiles (see AttributeField.overview). */
  overview?: boolean
}

/** The same field, also carried by low-zoom tiles. */
export function overview(spec: FieldSpec): FieldSpec {
  return { ...spec, overview: true }
}

/**
 * Shorthand for a public {@link FieldSpec}.
 * @example field('addr_street', 'addr:street', 'string', 'Вулиця', 'Street')
 */
export function field(name: string, from: string, type: AttributeType, uk: string, en: string): FieldSpec {
  return { name, from, type, label: { uk, en } }
}

/** Everything needed to describe one demo layer; {@link demoSource} fills in the rest. */
export interface SourceSpec {
  /** Slug `<city>-<name>`. */
  id: string
  city: CitySlug
  /** Path below `layers/demo/data/`. */
  file: string
  theme: ThemeId
  title: LocalizedText
  description: LocalizedText
  /** Geometry family kept from the file; it is also the layer's geometry type. */
  geometry: GeometryKind
  fields: FieldSpec[]
  style: LayerStyle
  minzoom: number
  /** Defaults to {@link TILE_MAXZOOM}. */
  maxzoom?: number
  licence: string
  attribution: string
  bbox?: LonLatBox
  where?: (properties: Record<string, unknown>) => boolean
  csv?: { delimiter: string; lat: string; lon: string }
}

/**
 * Builds a {@link DemoSource} whose `properties` map and `layer.attributes` both come from
 * `spec.fields`. Layers built here are observed data, never synthetic; each is a snapshot of
 * its source (updated never) and names the source its file was taken from.
 */
export function demoSource(spec: SourceSpec): DemoSource {
  const attributes: AttributeField[] = spec.fields.map((f) => ({
    name: f.name,
    type: f.type,
    label: f.label,
    public: f.public ?? true,
    ...(f.overview && { overview: true }),
  }))
  const source: DemoSource = {
    file: spec.file,
    geometry: spec.geometry,
    properties: Object.fromEntries(spec.fields.map((f) => [f.name, f.from])),
    layer: {
      id: spec.id,
      city: spec.city,
      theme: spec.theme,
      title: spec.title,
      description: spec.description,
      geometryType: spec.geometry,
      attributes,
      style: spec.style,
      minzoom: spec.minzoom,
      maxzoom: spec.maxzoom ?? TILE_MAXZOOM,
      licence: spec.licence,
      attribution: spec.attribution,
      synthetic: false,
      source: sourceOfFile(spec.file),
      updateFrequency: 'never',
    },
  }
  // Optional keys are set only when given, so the manifest stays free of `undefined` noise.
  if (spec.bbox) source.bbox = spec.bbox
  if (spec.where) source.where = spec.where
  if (spec.csv) source.csv = spec.csv
  return source
}

/** The source a demo file was taken from, as `SOURCES.md` records it; a file without one is a mistake. */
function sourceOfFile(file: string): string {
  const source = DEMO_FILE_SOURCES[file]
  if (source === undefined) throw new Error(`layers/demo/data/SOURCES.md names no source for ${file}`)
  return source
}
