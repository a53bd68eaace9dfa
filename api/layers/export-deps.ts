import type { LayerExportStore } from '../../layers/index.ts'

declare module '../http/index.ts' {
  interface AppDeps {
    /** The layer export files, `<data dir>/exports`: written once per layer version, served with ranges. */
    layerExports: LayerExportStore
  }
}
