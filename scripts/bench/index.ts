/** Benchmarks and load runs: tiles and ballots against pgbench and peers, uploads against GDAL, and the mixed load. */
export { runBallotBenchmark } from './ballot-bench.ts'
export { runOsmImportBenchmark } from './osm-import-bench.ts'
export { runOgcBenchmark } from './ogc-bench.ts'
export { runSearchBenchmark } from './search-bench.ts'
export { formatMixedLoad, memoryHeld, runMixedLoad } from './mixed-load.ts'
export { startThrowawayCluster, type ThrowawayCluster } from './throwaway-cluster.ts'
export { runTileBenchmark } from './tile-bench.ts'
export { formatUploadReport, runUploadBenchmark, type UploadBenchResult, writeParcelsGeoJson } from './upload-bench.ts'
