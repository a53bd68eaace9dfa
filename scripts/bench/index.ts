/** Benchmarks and load runs: tiles against pgbench and peers, and the mixed load. */
export { formatMixedLoad, memoryHeld, runMixedLoad } from './mixed-load.ts'
export { startThrowawayCluster, type ThrowawayCluster } from './throwaway-cluster.ts'
export { runTileBenchmark } from './tile-bench.ts'
export { formatUploadReport, runUploadBenchmark, type UploadBenchResult, writeParcelsGeoJson } from './upload-bench.ts'
