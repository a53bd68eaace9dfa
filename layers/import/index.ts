/** Importing a layer: reading GeoJSON and CSV, checking every feature, one transaction, a report. */
export type { LonLatBox } from './check-feature.ts'
export { importLayer, type ImportOptions, type LayerDraft } from './import-layer.ts'
export { formatImportReport, type ImportIssue, type ImportReport } from './import-report.ts'
