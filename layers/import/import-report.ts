/** One feature the import repaired, rejected or left out, by its 0-based index in the file. */
export interface ImportIssue {
  index: number
  reason: string
}

/** What an import did. `committed` is false when nothing was written. */
export interface ImportReport {
  layer: string
  file: string
  committed: boolean
  /** Features read from the file. */
  read: number
  /** Features written (repaired ones included). */
  accepted: number
  repaired: ImportIssue[]
  rejected: ImportIssue[]
  /** Left out on purpose by the layer definition (other geometry family, bad geocodes). */
  skipped: ImportIssue[]
  /** A problem with the whole file (invalid JSON, empty, not GeoJSON); nothing was written. */
  error?: string
}

/** A readable multi-line summary of an import, for the command line and the logs. */
export function formatImportReport(report: ImportReport, maxIssues = 20): string {
  const lines = [
    `${report.committed ? 'imported' : 'NOT imported'}: ${report.file} → ${report.layer}`,
    `  read ${report.read}, accepted ${report.accepted}, repaired ${report.repaired.length}, rejected ${report.rejected.length}, skipped ${report.skipped.length}`,
  ]
  if (report.error) lines.push(`  error: ${report.error}`)
  for (const [title, list] of [['rejected', report.rejected], ['repaired', report.repaired], ['skipped', report.skipped]] as const) {
    for (const issue of list.slice(0, maxIssues)) lines.push(`  ${title} #${issue.index}: ${issue.reason}`)
    if (list.length > maxIssues) lines.push(`  … and ${list.length - maxIssues} more ${title}`)
  }
  return lines.join('\n')
}
