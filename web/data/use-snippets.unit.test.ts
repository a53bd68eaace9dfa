import { describe, expect, it } from 'vitest'
import { dataUseSnippets } from './use-snippets.ts'

const LAYER = { id: 'kyiv-metro-stations', city: 'kyiv', tilejson: 'https://map.example.org/tiles/kyiv-metro-stations.json?v=3' }

describe('dataUseSnippets', () => {
  it('fills the page origin into every example', () => {
    const snippets = dataUseSnippets('https://map.example.org', LAYER)
    expect(Object.fromEntries(snippets.map((s) => [s.id, s.code]))).toEqual({
      'qgis-style': 'https://map.example.org/styles/kyiv.json',
      'qgis-tilejson': 'https://map.example.org/tiles/kyiv-metro-stations.json?v=3',
      'qgis-oapif': 'https://map.example.org/ogc',
      'gdal-oapif': 'ogrinfo OAPIF:https://map.example.org/ogc\nogrinfo -so OAPIF:https://map.example.org/ogc kyiv-metro-stations',
      'gdal-vsicurl':
        'ogrinfo -so /vsicurl/https://map.example.org/api/layers/kyiv-metro-stations/export.fgb\nogr2ogr -f GPKG kyiv-metro-stations.gpkg /vsicurl/https://map.example.org/api/layers/kyiv-metro-stations/export.gpkg',
      'python':
        'import geopandas as gpd\n\nlayer = gpd.read_file("https://map.example.org/api/layers/kyiv-metro-stations/export.geojson")\nitems = gpd.read_file("https://map.example.org/ogc/collections/kyiv-metro-stations/items?limit=1000")',
      'javascript':
        "import maplibregl from 'maplibre-gl'\nimport 'maplibre-gl/dist/maplibre-gl.css'\n\nconst map = new maplibregl.Map({ container: 'map', style: 'https://map.example.org/styles/kyiv.json' })",
      'dcat': 'https://map.example.org/data/catalog.jsonld',
      'ckan': 'https://map.example.org/api/3/action/package_show?id=kyiv-metro-stations',
    })
  })

  it('covers each tool the page promises', () => {
    expect(new Set(dataUseSnippets('http://localhost:8080', LAYER).map((s) => s.tool))).toEqual(new Set(['qgis', 'gdal', 'python', 'javascript', 'catalogue']))
  })
})
