/** PDFs attached to a layer or to one of its features: a council decision, an explanatory note, a drawing. */
export { documentRoutes } from './document.routes.ts'
export { existingDocumentIds } from './document.queries.ts'
export { DocumentStore, type StagedDocument } from './document-store.ts'
export { documentFileName, inlineDisposition } from './file-name.ts'
export { keepPdf, type KeptPdf } from './keep-pdf.ts'
export type { DocumentsDeps } from './documents-deps.ts'
