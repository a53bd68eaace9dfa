import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sqlite from 'node-sqlite3-wasm'
import wkx from 'wkx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PublicFeature } from '../index.ts'
import type { ExportLayer } from './export-metadata.ts'
import { writeGeoPackage } from './geopackage.ts'

const LAYER: ExportLayer = {
  id: 'test-gpkg',
  title: { uk: 'Ділянки', en: 'Parcels' },
  description: { uk: 'Опис', en: 'Description' },
  licence: 'CC-BY-4.0',
  attribution: 'Київська міська рада',
  synthetic: false,
  attributes: [
    { name: 'area_ha', type: 'number', label: { uk: 'Площа', en: 'Area' }, public: true },
    { name: 'until', type: 'date', label: { uk: 'До', en: 'Until' }, public: true },
    { name: 'owner', type: 'string', label: { uk: 'Власник', en: 'Owner' }, public: false },
  ],
  geometry_type: 'polygon',
  version: 3,
  updated_at: new Date('2024-05-01T10:00:00Z'),
}

const SQUARE = [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.5], [30.5, 50.4]]]
const FEATURES: PublicFeature[] = [
  { id: 7, properties: { area_ha: '1,25', until: '31.12.2030' }, geometry: { type: 'Polygon', coordinates: SQUARE } },
  { id: 9, properties: { area_ha: 2 }, geometry: { type: 'MultiPolygon', coordinates: [[[[30.7, 50.3], [30.8, 50.3], [30.8, 50.35], [30.7, 50.3]]]] } },
]

async function* listOf<T>(items: T[]): AsyncGenerator<T> {
  yield* items
}

const dir = mkdtempSync(join(tmpdir(), 'gpkg-test-'))
let db: InstanceType<typeof sqlite.Database>

beforeAll(async () => {
  await writeGeoPackage(join(dir, 'parcels.gpkg'), LAYER, 'MultiPolygon', listOf(FEATURES))
  db = new sqlite.Database(join(dir, 'parcels.gpkg'), { readOnly: true })
})
afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('writeGeoPackage', () => {
  it('is a GeoPackage by its header: application id "GPKG", version 1.3', () => {
    expect([db.get('PRAGMA application_id'), db.get('PRAGMA user_version')]).toEqual([{ application_id: 0x47504b47 }, { user_version: 10300 }])
  })

  it("lists the feature table with the layer's extent, title and terms", () => {
    expect(db.get('SELECT table_name, data_type, identifier, description, min_x, min_y, max_x, max_y, srs_id FROM gpkg_contents')).toEqual({
      table_name: 'test-gpkg',
      data_type: 'features',
      identifier: 'Ділянки',
      description: 'Опис Licence: CC-BY-4.0. Attribution: Київська міська рада.',
      min_x: 30.5,
      min_y: 50.3,
      max_x: 30.8,
      max_y: 50.5,
      srs_id: 4326,
    })
    expect(db.get('SELECT geometry_type_name, srs_id FROM gpkg_geometry_columns')).toEqual({ geometry_type_name: 'MULTIPOLYGON', srs_id: 4326 })
  })

  it('writes typed columns, the feature id as fid, and no private attribute', () => {
    expect(db.all('SELECT fid, area_ha, until FROM "test-gpkg" ORDER BY fid')).toEqual([
      { fid: 7, area_ha: 1.25, until: '2030-12-31' },
      { fid: 9, area_ha: 2, until: null },
    ])
    expect((db.all('PRAGMA table_info("test-gpkg")') as Array<{ name: string; type: string }>).map((c) => `${c.name} ${c.type}`)).toEqual([
      'fid INTEGER',
      'geom GEOMETRY',
      'area_ha REAL',
      'until DATE',
    ])
  })

  it('writes geometry blobs of the GP header, the envelope and WKB, a polygon promoted to a multipolygon', () => {
    const blob = Buffer.from((db.get('SELECT geom FROM "test-gpkg" WHERE fid = 7') as { geom: Uint8Array }).geom)
    expect([blob.toString('latin1', 0, 2), blob[2], blob[3], blob.readInt32LE(4)]).toEqual(['GP', 0, 0b11, 4326])
    expect([blob.readDoubleLE(8), blob.readDoubleLE(16), blob.readDoubleLE(24), blob.readDoubleLE(32)]).toEqual([30.5, 30.6, 50.4, 50.5])
    expect(wkx.Geometry.parse(blob.subarray(40)).toGeoJSON()).toEqual({ type: 'MultiPolygon', coordinates: [SQUARE] })
  })
})
