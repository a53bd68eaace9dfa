import type { ExternalBasemapSource } from '../../tiles/index.ts'

declare module '../http/index.ts' {
  interface AppDeps {
    /** `HROMADA_BASEMAP_STYLE`: the external basemap the styles are drawn over; unset draws the city's own. */
    basemap?: ExternalBasemapSource
  }
}
