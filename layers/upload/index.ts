/**
 * Uploads of planners: a file of any format Ukrainian data comes in (GeoJSON, zipped Shapefile,
 * GeoPackage, KML, CSV), read in its own coordinate system and encoding, checked, reprojected to
 * lon/lat and staged for review before it becomes a layer.
 */
export { displayName } from './open-upload.ts'
export { checkPdf } from './sniff.ts'
export { readUpload, type UploadField, type UploadInput, type UploadProblem, type UploadReport } from './read-upload.ts'
export { deleteExpiredUploads, deleteUpload, findUpload, previewFeatures, type UploadRow } from './upload.queries.ts'
export { UPLOAD_FORMATS, type UploadFormat } from './upload-source.ts'
