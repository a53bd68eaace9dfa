import type { Map as MapLibreMap, VectorTileSource } from 'maplibre-gl'

/**
 * Points each layer's vector source at the TileJSON URL the catalogue lists now. The URL
 * carries the layer's version, so after a write (a new appeal) a refreshed catalogue makes the
 * map fetch the new tiles without reloading its style. Sources already current are not touched.
 */
export function syncSourceVersions(map: MapLibreMap, layers: ReadonlyArray<{ id: string; tilejson: string }>): void {
  for (const layer of layers) {
    const source = map.getSource<VectorTileSource>(layer.id)
    if (source?.type === 'vector' && source.url !== undefined && source.url !== layer.tilejson) source.setUrl(layer.tilejson)
  }
}
