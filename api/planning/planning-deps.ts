/** What the planning routes need beyond the database. */
export interface PlanningDeps {
  /** Where uploaded files are kept while they are reviewed (one folder per upload). */
  uploadDir: string
  /** The largest file a planner may upload, in bytes. */
  maxUploadBytes: number
}

declare module '../http/index.ts' {
  interface AppDeps {
    /** What the planning routes need beyond the database. */
    planning: PlanningDeps
  }
}
