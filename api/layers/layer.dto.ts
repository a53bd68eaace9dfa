import type { City, Layer } from '../../layers/index.ts'
import type { LonLatBox, ThemeId } from '../contract/index.ts'
import { tileJsonUrl } from '../../tiles/index.ts'

/** A layer as the public catalogue shows it: only public attributes, links to tiles and exports. */
export function toPublicLayer(layer: Layer, baseUrl: string) {
  return {
    id: layer.id,
    city: layer.city_id,
    // The column types are wider than what the catalogue writes: a theme of THEMES, a box of four numbers.
    theme: layer.theme as ThemeId,
    title: layer.title,
    description: layer.description,
    geometry_type: layer.geometry_type,
    attributes: layer.attributes.filter((a) => a.public).map(({ name, type, label }) => ({ name, type, label })),
    style: layer.style,
    minzoom: layer.minzoom,
    maxzoom: layer.maxzoom,
    licence: layer.licence,
    attribution: layer.attribution,
    synthetic: layer.synthetic,
    accepts_appeals: layer.accepts_appeals,
    version: layer.version,
    feature_count: layer.feature_count,
    bbox: layer.bbox as LonLatBox | null,
    updated_at: layer.updated_at.toISOString(),
    tilejson: tileJsonUrl(baseUrl, layer),
    downloads: {
      geojson: `${baseUrl}/api/layers/${layer.id}/export.geojson`,
      csv: `${baseUrl}/api/layers/${layer.id}/export.csv`,
      csvt: `${baseUrl}/api/layers/${layer.id}/export.csvt`,
      gpkg: `${baseUrl}/api/layers/${layer.id}/export.gpkg`,
      fgb: `${baseUrl}/api/layers/${layer.id}/export.fgb`,
    },
  }
}

/** A city as the public API shows it. */
export function toPublicCity(city: City, baseUrl: string) {
  return {
    id: city.id,
    code: city.code,
    name: city.name,
    center: city.center,
    zoom: city.zoom,
    bbox: city.bbox,
    boundary_approximate: city.boundaryApproximate,
    style: `${baseUrl}/styles/${city.id}.json`,
    layers: `${baseUrl}/api/layers?city=${city.id}`,
  }
}
