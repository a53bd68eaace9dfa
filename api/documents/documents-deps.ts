import type { DocumentStore } from './document-store.ts'

/** What the document routes need beyond the database. */
export interface DocumentsDeps {
  /** Where the PDFs are kept. */
  store: DocumentStore
  /** The largest PDF a planner may attach, in bytes. */
  maxBytes: number
}

declare module '../http/index.ts' {
  interface AppDeps {
    /** What the document routes need beyond the database. */
    documents: DocumentsDeps
  }
}
