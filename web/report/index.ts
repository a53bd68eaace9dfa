/** Reporting a problem: the steps of the report sheet, from the place to the receipt. */
export { FieldAddressSearch } from './FieldAddressSearch.tsx'
export { ReportSheet } from './ReportSheet.tsx'
export { useReport } from './use-report.ts'
