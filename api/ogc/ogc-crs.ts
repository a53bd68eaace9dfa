/**
 * The coordinate reference systems `/ogc` answers in (OGC API Features Part 2): CRS84 (the
 * default, longitude/latitude), WGS 84 with EPSG's latitude/longitude order, Web Mercator, and
 * the UCS-2000 systems Ukrainian planners draw in: geographic, the 6° Gauss-Kruger zones 4–7
 * and the 3° Ukraine TM zones 7–13. PostGIS holds every one of them in `spatial_ref_sys`.
 */

/** One CRS a client may name: its URI, the PostGIS SRID, and how coordinates are written in it. */
export interface OgcCrs {
  uri: string
  srid: number
  /**
   * The CRS's first axis is northing or latitude (EPSG's order for 4326 and the UCS-2000
   * systems): positions are written and read y first, as Part 2 requires.
   */
  northingFirst: boolean
  /** Decimal places of written coordinates: about a centimetre. */
  precision: number
}

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'

const epsg = (code: number, northingFirst: boolean, geographic: boolean): OgcCrs => ({
  uri: `http://www.opengis.net/def/crs/EPSG/0/${code}`,
  srid: code,
  northingFirst,
  precision: geographic ? 7 : 2,
})

/** Every CRS of every collection, CRS84 first (the default). */
export const OGC_CRS: readonly OgcCrs[] = [
  { uri: CRS84, srid: 4326, northingFirst: false, precision: 7 },
  epsg(4326, true, true),
  epsg(3857, false, false),
  // UCS-2000 (УСК-2000): geographic, Gauss-Kruger zones 4–7, Ukraine TM zones 7–13.
  epsg(5561, true, true),
  ...[5562, 5563, 5564, 5565].map((code) => epsg(code, true, false)),
  ...[6381, 6382, 6383, 6384, 6385, 6386, 6387].map((code) => epsg(code, true, false)),
]

/** The URIs of {@link OGC_CRS}, for the `crs` lists of the collections. */
export const OGC_CRS_URIS: readonly string[] = OGC_CRS.map((c) => c.uri)

const BY_URI = new Map(OGC_CRS.map((c) => [c.uri, c]))
// `https` and the EPSG short form `EPSG:6384` name the same systems; clients send both.
for (const crs of OGC_CRS) {
  BY_URI.set(crs.uri.replace(/^http:/, 'https:'), crs)
  if (crs.uri !== CRS84) BY_URI.set(`EPSG:${crs.srid}`, crs)
}
BY_URI.set('[OGC:CRS84]', OGC_CRS[0]!)

/** The CRS a `crs` or `bbox-crs` value names, CRS84 when unset, undefined when we do not serve it. */
export function crsOf(uri: string | undefined): OgcCrs | undefined {
  return uri === undefined ? OGC_CRS[0] : BY_URI.get(uri.trim())
}
