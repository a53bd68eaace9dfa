/** A dataset the "Use the data" page shows its examples with. */
export interface ExampleLayer {
  id: string
  city: string
  tilejson: string
}

/** One copy-paste example: which tool, what it does, and the text to paste. */
export interface Snippet {
  id: string
  tool: 'qgis' | 'gdal' | 'python' | 'javascript' | 'catalogue'
  /** The key of the example's caption in the `data.use.snippet` catalogue. */
  caption: string
  code: string
}

/**
 * The examples of the "Use the data" page on this site's `origin`, with `layer` as the dataset
 * they open: QGIS (vector tiles by style or TileJSON, OGC API Features), GDAL, Python
 * (geopandas) and JavaScript (MapLibre), then the machine-readable catalogues.
 * @example dataUseSnippets('https://map.example.org', layer)[2].code // 'https://map.example.org/ogc'
 */
export function dataUseSnippets(origin: string, layer: ExampleLayer): Snippet[] {
  const exportUrl = (format: string) => `${origin}/api/layers/${layer.id}/export.${format}`
  const style = `${origin}/styles/${layer.city}.json`
  return [
    { id: 'qgis-style', tool: 'qgis', caption: 'qgisStyle', code: style },
    { id: 'qgis-tilejson', tool: 'qgis', caption: 'qgisTileJson', code: layer.tilejson },
    { id: 'qgis-oapif', tool: 'qgis', caption: 'qgisOapif', code: `${origin}/ogc` },
    { id: 'gdal-oapif', tool: 'gdal', caption: 'gdalOapif', code: `ogrinfo OAPIF:${origin}/ogc\nogrinfo -so OAPIF:${origin}/ogc ${layer.id}` },
    { id: 'gdal-vsicurl', tool: 'gdal', caption: 'gdalVsicurl', code: `ogrinfo -so /vsicurl/${exportUrl('fgb')}\nogr2ogr -f GPKG ${layer.id}.gpkg /vsicurl/${exportUrl('gpkg')}` },
    {
      id: 'python',
      tool: 'python',
      caption: 'python',
      code: [
        'import geopandas as gpd',
        '',
        `layer = gpd.read_file("${exportUrl('geojson')}")`,
        `items = gpd.read_file("${origin}/ogc/collections/${layer.id}/items?limit=1000")`,
      ].join('\n'),
    },
    {
      id: 'javascript',
      tool: 'javascript',
      caption: 'javascript',
      code: [
        "import maplibregl from 'maplibre-gl'",
        "import 'maplibre-gl/dist/maplibre-gl.css'",
        '',
        `const map = new maplibregl.Map({ container: 'map', style: '${style}' })`,
      ].join('\n'),
    },
    { id: 'dcat', tool: 'catalogue', caption: 'dcat', code: `${origin}/data/catalog.jsonld` },
    { id: 'ckan', tool: 'catalogue', caption: 'ckan', code: `${origin}/api/3/action/package_show?id=${layer.id}` },
  ]
}
