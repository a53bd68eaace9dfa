/**
 * Looking coordinate systems up in PostGIS's own EPSG catalogue, `spatial_ref_sys`: by code, and
 * by the datum and Transverse Mercator parameters a `.prj` file spells out.
 */
import { sql, type Kysely } from 'kysely'
import type { DB } from '../../db/index.ts'

/** A row of the catalogue: its code, its WKT and its PROJ definition. */
export interface SpatialRefRow {
  srid: number
  srtext: string
  proj4text: string
}

/** The catalogue row of an SRID, if PostGIS knows it. */
export async function findSpatialRef(db: Kysely<DB>, srid: number): Promise<SpatialRefRow | undefined> {
  const { rows } = await sql<SpatialRefRow>`
    SELECT srid, srtext, proj4text FROM spatial_ref_sys WHERE srid = ${srid}`.execute(db)
  return rows[0]
}

/** The catalogue row an authority code names (`EPSG`, 6384), if PostGIS knows it. */
export async function findByAuthority(db: Kysely<DB>, authority: string, code: number): Promise<SpatialRefRow | undefined> {
  const { rows } = await sql<SpatialRefRow>`
    SELECT srid, srtext, proj4text FROM spatial_ref_sys
     WHERE upper(auth_name) = upper(${authority}) AND auth_srid = ${code}
     ORDER BY srid LIMIT 1`.execute(db)
  return rows[0]
}

/** A Transverse Mercator system as a `.prj` describes it; the datum key is lower-case letters and digits. */
export interface TransverseMercatorQuery {
  datumKey: string
  centralMeridian: number
  falseEasting: number
  falseNorthing: number
  scaleFactor: number
  latitudeOfOrigin: number
}

/**
 * The key a datum name is compared by: lower-case letters and digits only, so GDAL's
 * `Ukraine_2000` and ESRI's `D_Ukraine_2000` (after its `D_` is dropped) are the same.
 */
const datumKeyOf = sql<string>`lower(regexp_replace(substring(srtext from 'DATUM\\["([^"]+)"'), '[^A-Za-z0-9]', '', 'g'))`

/**
 * The EPSG projected systems on that datum whose PROJ definition is a Transverse Mercator with
 * those parameters (`+proj=utm` is read as its zone's central meridian, 500 km false easting and
 * 0.9996 scale). Numbers are compared to a millimetre / a micro-degree.
 */
export async function findTransverseMercator(db: Kysely<DB>, q: TransverseMercatorQuery): Promise<SpatialRefRow[]> {
  const { rows } = await sql<SpatialRefRow>`
    WITH tm AS (
      SELECT srid, srtext, proj4text,
             substring(proj4text from '\\+proj=(\\w+)') AS proj,
             substring(proj4text from '\\+zone=(\\d+)')::float8 AS zone,
             proj4text ~ '\\+south' AS south,
             substring(proj4text from '\\+lon_0=([-+.0-9eE]+)')::float8 AS lon_0,
             substring(proj4text from '\\+lat_0=([-+.0-9eE]+)')::float8 AS lat_0,
             substring(proj4text from '\\+x_0=([-+.0-9eE]+)')::float8 AS x_0,
             substring(proj4text from '\\+y_0=([-+.0-9eE]+)')::float8 AS y_0,
             substring(proj4text from '\\+k(?:_0)?=([-+.0-9eE]+)')::float8 AS k
        FROM spatial_ref_sys
       WHERE auth_name = 'EPSG' AND srtext LIKE 'PROJCS[%' AND proj4text ~ '\\+proj=(tmerc|utm) '
         AND proj4text !~ '\\+units=(?!m )' AND ${datumKeyOf} = ${q.datumKey}
    ), params AS (
      SELECT srid, srtext, proj4text,
             CASE WHEN proj = 'utm' THEN zone * 6 - 183 ELSE coalesce(lon_0, 0) END AS lon_0,
             CASE WHEN proj = 'utm' THEN 0 ELSE coalesce(lat_0, 0) END AS lat_0,
             CASE WHEN proj = 'utm' THEN 500000 ELSE coalesce(x_0, 0) END AS x_0,
             CASE WHEN proj = 'utm' AND south THEN 10000000 WHEN proj = 'utm' THEN 0 ELSE coalesce(y_0, 0) END AS y_0,
             CASE WHEN proj = 'utm' THEN 0.9996 ELSE coalesce(k, 1) END AS k
        FROM tm
    )
    SELECT srid, srtext, proj4text FROM params
     WHERE abs(lon_0 - ${q.centralMeridian}) < 1e-6 AND abs(lat_0 - ${q.latitudeOfOrigin}) < 1e-6
       AND abs(x_0 - ${q.falseEasting}) < 1e-3 AND abs(y_0 - ${q.falseNorthing}) < 1e-3
       AND abs(k - ${q.scaleFactor}) < 1e-9
     ORDER BY srid`.execute(db)
  return rows
}

/** The EPSG two-dimensional geographic (longitude/latitude) systems on a datum. */
export async function findGeographic(db: Kysely<DB>, datumKey: string): Promise<SpatialRefRow[]> {
  const { rows } = await sql<SpatialRefRow>`
    SELECT srid, srtext, proj4text FROM spatial_ref_sys
     WHERE auth_name = 'EPSG' AND srtext LIKE 'GEOGCS[%' AND proj4text ~ '\\+proj=longlat '
       AND srtext !~* 'AXIS\\["[^"]*height' AND ${datumKeyOf} = ${datumKey}
     ORDER BY srid`.execute(db)
  return rows
}
