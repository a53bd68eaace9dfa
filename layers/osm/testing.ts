/** The test entry of the OpenStreetMap module: GDAL's OSM driver as an independent reader of the test extracts. */
import { spawnSync } from 'node:child_process'

/** Why GDAL checks are skipped on this machine, or undefined when `ogrinfo` runs. */
export const GDAL_MISSING = spawnSync('ogrinfo', ['--version']).error ? 'ogrinfo (GDAL) is not installed: the OSM extracts are checked with its OSM driver' : undefined

/**
 * How many features of a layer of GDAL's OSM driver (`points`, `lines`, `multipolygons`) match
 * an OGR SQL condition, e.g. `gdalCount(pbf, 'lines', 'highway IS NOT NULL')`.
 */
export function gdalCount(file: string, layer: 'points' | 'lines' | 'multilinestrings' | 'multipolygons', where: string): number {
  const run = spawnSync('ogrinfo', ['-ro', '-q', '-sql', `SELECT COUNT(*) AS n FROM ${layer} WHERE ${where}`, file], { encoding: 'utf8' })
  const count = /n \(Integer\) = (\d+)/.exec(run.stdout)?.[1]
  if (run.status !== 0 || count === undefined) throw new Error(`ogrinfo could not count ${layer} of ${file}: ${run.stderr || run.stdout}`)
  return Number(count)
}
