/**
 * A layer's revisions: made from an upload, matched against the current features by a key
 * field, with every earlier state kept readable; and the layer's management by staff.
 */
export { attributesFromUpload, createLayerFromUpload, type NewLayer, publishRevision, type PublishedRevision, PublishRefused } from './publish-upload.ts'
export { findManagedLayer, type LayerChanges, listManagedLayers, lockLayer, type ManagedLayerRow, recordLayerChange, updateLayer } from './layer-admin.queries.ts'
export { type LayerRevision, listRevisions, revisionChanges, type RevisionFeature, streamRevisionFeatures } from './revision.queries.ts'
