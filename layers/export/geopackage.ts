/**
 * Writing a GeoPackage (OGC 12-128r18) with node-sqlite3-wasm: the SQLite file GDAL and QGIS
 * open natively. One feature table in EPSG:4326, its extent in `gpkg_contents`, typed columns,
 * geometry blobs of the standard's header and ISO WKB, and the layer's terms as GDAL metadata.
 * (The SQLite of node-sqlite3-wasm has no R*Tree module, so there is no spatial index table;
 * GDAL and QGIS build their own when they need one. The FlatGeobuf export carries an index.)
 */
import type { Geometry } from 'geojson'
import sqlite from 'node-sqlite3-wasm'
import type { AttributeType } from '../catalogue/index.ts'
import type { PublicFeature } from '../index.ts'
import { typedValue } from './attribute-values.ts'
import { type Bounds, conformedGeometry, type ExportGeometryType, geometryBounds, geometryWkb, unionBounds } from './export-geometry.ts'
import { type ExportLayer, exportMetadata, exportNotice } from './export-metadata.ts'

const WGS84_WKT =
  'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]'

/** SQLite column types of each attribute type, as GDAL maps them to its field types. */
const COLUMN_TYPES: Record<AttributeType, string> = { string: 'TEXT', integer: 'INTEGER', number: 'REAL', boolean: 'BOOLEAN', date: 'DATE' }

/** `gpkg_geometry_columns.geometry_type_name` of each export type. */
const GEOMETRY_TYPE_NAMES: Record<ExportGeometryType, string> = {
  Point: 'POINT',
  LineString: 'LINESTRING',
  Polygon: 'POLYGON',
  MultiPoint: 'MULTIPOINT',
  MultiLineString: 'MULTILINESTRING',
  MultiPolygon: 'MULTIPOLYGON',
  Geometry: 'GEOMETRY',
}

/** The "GPKG" application id of the SQLite header, and the version of the standard (1.3). */
const APPLICATION_ID = 0x47504b47
const USER_VERSION = 10300

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`

/** XML text with its five special characters escaped. */
const xmlText = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A GeoPackage geometry blob: the `GP` header (version 0, little-endian, an xy envelope except
 * for points, SRS 4326) followed by the WKB.
 */
export function geoPackageGeometry(geometry: Geometry): Buffer {
  const wkb = geometryWkb(geometry)
  const bounds = geometry.type === 'Point' ? null : geometryBounds(geometry)
  const header = Buffer.alloc(8 + (bounds ? 32 : 0))
  header.write('GP', 0, 'latin1')
  header.writeUInt8(0, 2)
  // Flags: bit 0 little-endian; bits 1–3 envelope kind (1 = minx, maxx, miny, maxy).
  header.writeUInt8(bounds ? 0b0000_0011 : 0b0000_0001, 3)
  header.writeInt32LE(4326, 4)
  if (bounds) {
    const [w, s, e, n] = bounds
    header.writeDoubleLE(w, 8)
    header.writeDoubleLE(e, 16)
    header.writeDoubleLE(s, 24)
    header.writeDoubleLE(n, 32)
  }
  return Buffer.concat([header, wkb])
}

function createSchema(db: InstanceType<typeof sqlite.Database>, layer: ExportLayer): void {
  db.exec(`
    PRAGMA application_id = ${APPLICATION_ID};
    PRAGMA user_version = ${USER_VERSION};
    PRAGMA journal_mode = OFF;
    PRAGMA synchronous = OFF;
    CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
      organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
    CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, description TEXT DEFAULT '',
      last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE,
      srs_id INTEGER, CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
    CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL,
      z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
      CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
    CREATE TABLE gpkg_extensions (table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL, scope TEXT NOT NULL,
      CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
    CREATE TABLE gpkg_metadata (id INTEGER CONSTRAINT m_pk PRIMARY KEY ASC NOT NULL, md_scope TEXT NOT NULL DEFAULT 'dataset',
      md_standard_uri TEXT NOT NULL, mime_type TEXT NOT NULL DEFAULT 'text/xml', metadata TEXT NOT NULL DEFAULT '');
    CREATE TABLE gpkg_metadata_reference (reference_scope TEXT NOT NULL, table_name TEXT, column_name TEXT, row_id_value INTEGER,
      timestamp DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), md_file_id INTEGER NOT NULL, md_parent_id INTEGER,
      CONSTRAINT crmr_mfi_fk FOREIGN KEY (md_file_id) REFERENCES gpkg_metadata(id), CONSTRAINT crmr_mpi_fk FOREIGN KEY (md_parent_id) REFERENCES gpkg_metadata(id));
  `)
  const srs = db.prepare('INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)')
  srs.run(['Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'])
  srs.run(['Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'])
  srs.run(['WGS 84 geodetic', 4326, 'EPSG', 4326, WGS84_WKT, 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid'])
  srs.finalize()
  const columns = layer.attributes.filter((a) => a.public).map((a) => `, ${quoted(a.name)} ${COLUMN_TYPES[a.type]}`)
  db.exec(`CREATE TABLE ${quoted(layer.id)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, geom GEOMETRY${columns.join('')})`)
  // The metadata GDAL reads as the layer's own (its PAM XML): licence, attribution, synthetic.
  const items = Object.entries(exportMetadata(layer)).map(([k, v]) => `<MDI key="${xmlText(k)}">${xmlText(v)}</MDI>`)
  db.run("INSERT INTO gpkg_metadata (id, md_scope, md_standard_uri, mime_type, metadata) VALUES (1, 'dataset', 'http://gdal.org', 'text/xml', ?)", [
    `<GDALMultiDomainMetadata><Metadata>${items.join('')}</Metadata></GDALMultiDomainMetadata>`,
  ])
  db.run("INSERT INTO gpkg_metadata_reference (reference_scope, table_name, md_file_id) VALUES ('table', ?, 1)", [layer.id])
  db.run(
    "INSERT INTO gpkg_extensions VALUES ('gpkg_metadata', NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec121/#extension_metadata', 'read-write'), ('gpkg_metadata_reference', NULL, 'gpkg_metadata', 'http://www.geopackage.org/spec121/#extension_metadata', 'read-write')",
  )
}

/**
 * Writes a layer's public features as a GeoPackage at `path` (a new file), in the export
 * geometry type `geometryType` (singles promoted to multis where it says so). Every public
 * attribute is a typed column; the feature id is the `fid`.
 */
export async function writeGeoPackage(path: string, layer: ExportLayer, geometryType: ExportGeometryType, features: AsyncIterable<PublicFeature>): Promise<void> {
  const db = new sqlite.Database(path)
  try {
    createSchema(db, layer)
    const fields = layer.attributes.filter((a) => a.public)
    const insert = db.prepare(`INSERT INTO ${quoted(layer.id)} (fid, geom${fields.map((f) => `, ${quoted(f.name)}`).join('')}) VALUES (?, ?${', ?'.repeat(fields.length)})`)
    let extent: Bounds | null = null
    db.exec('BEGIN')
    for await (const f of features) {
      const geometry = conformedGeometry(f.geometry, geometryType)
      extent = unionBounds(extent, geometryBounds(geometry))
      const values = fields.map((a) => {
        const value = typedValue(a.type, f.properties[a.name])
        return typeof value === 'boolean' ? (value ? 1 : 0) : value
      })
      insert.run([f.id, geoPackageGeometry(geometry), ...values])
    }
    insert.finalize()
    db.run('INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 4326)', [
      layer.id,
      'features',
      layer.title.uk,
      `${layer.description.uk} ${exportNotice(layer)}`,
      layer.updated_at.toISOString(),
      ...(extent ?? [null, null, null, null]),
    ])
    db.run('INSERT INTO gpkg_geometry_columns VALUES (?, ?, ?, 4326, 0, 0)', [layer.id, 'geom', GEOMETRY_TYPE_NAMES[geometryType]])
    db.exec('COMMIT')
  } finally {
    db.close()
  }
}
