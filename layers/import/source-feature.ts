/** A feature as read from an input file, before any validation. */
export interface SourceFeature {
  /** 0-based position in the file (data row for CSV), used in the import report. */
  index: number
  feature: unknown
  /** Set by a reader that already knows the feature is unusable (e.g. a CSV row without coordinates). */
  problem?: string
}

/** A problem with the file as a whole (not one feature): nothing can be imported from it. */
export class ImportFileError extends Error {
  override name = 'ImportFileError'
}
