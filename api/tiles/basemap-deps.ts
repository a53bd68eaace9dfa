import type { ExternalBasemapSource, PmtilesBasemap } from '../../tiles/index.ts'

declare module '../http/index.ts' {
  interface AppDeps {
    /** `HROMADA_BASEMAP_STYLE`: the external basemap the styles are drawn over; unset draws the city's own. */
    basemap?: ExternalBasemapSource
    /** `HROMADA_BASEMAP_PMTILES`: a Protomaps basemap archive on this server, served from `/basemap…`. */
    pmtilesBasemap?: PmtilesBasemap
  }
}
