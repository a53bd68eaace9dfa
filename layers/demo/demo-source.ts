import type { GeometryKind, LayerDefinition, LocalizedText } from '../catalogue/index.ts'

import type { LonLatBox } from '../import/index.ts'

export type { LonLatBox }

/**
 * One vendored file of the demo catalogue and how it becomes a layer.
 * The importer keeps only the properties listed in `properties`, so personal columns are
 * dropped simply by not naming them.
 */
export interface DemoSource {
  /** Path below `layers/demo/data/`, e.g. `kyiv/kyiv_metro_stations.geojson` (or `.geojson.gz`). */
  file: string
  layer: LayerDefinition
  /** Stored attribute name → source property key. Every stored name has a field in `layer.attributes`. */
  properties: Record<string, string>
  /** Keep only features of this geometry family; the rest are skipped and reported. */
  geometry: GeometryKind
  /** Features outside this box are skipped as bad geocodes (reported with their index). */
  bbox?: LonLatBox
  /** Extra per-feature filter on the source properties, e.g. admin_level = 10. */
  where?: (properties: Record<string, unknown>) => boolean
  /** CSV only: delimiter and the latitude/longitude column names. */
  csv?: { delimiter: string; lat: string; lon: string }
}

/** How a city's boundary polygon is derived from its layers. */
export type BoundaryRecipe =
  | { kind: 'layer'; layer: string } // union of the polygons of a boundary layer
  | { kind: 'union'; layer: string } // union of the district polygons
  | { kind: 'hull'; layer: string; bufferMeters: number } // buffered convex hull of points

/** A city of the demo catalogue. */
export interface DemoCity {
  slug: string
  name: LocalizedText
  /** Registration-number prefix for appeals, e.g. KYIV. */
  code: string
  center: [number, number]
  zoom: number
  boundary: BoundaryRecipe
  /** The layer whose polygons are the city's districts, and the attribute naming them. */
  districts?: { layer: string; nameField: string }
}
