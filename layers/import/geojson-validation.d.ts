declare module 'geojson-validation' {
  /** With `trace = true` each check returns the list of problems (empty when valid). */
  export function isFeature(feature: unknown, trace: true): string[]
  export function isGeometryObject(geometry: unknown, trace: true): string[]
  export function isFeatureCollection(collection: unknown, trace: true): string[]
}
