import type { LayerRevision, ManagedLayerRow, UploadReport, UploadRow } from '../../layers/index.ts'
import type { LayerUpload, LayerVersion, LonLatBox, ManagedLayer, ThemeId } from '../contract/index.ts'

/** An upload's row as its report: what was read, where it lands and what is wrong. */
export function toLayerUpload(row: UploadRow, baseUrl: string): LayerUpload {
  const report = row.report as unknown as Partial<UploadReport>
  return {
    id: row.id,
    file_name: row.file_name,
    format: row.format,
    crs: row.srid === null ? null : `EPSG:${row.srid}`,
    crs_name: row.crs_name,
    crs_source: report.crs_source ?? 'unknown',
    crs_suggestions: report.crs_suggestions ?? [],
    encoding: row.encoding,
    encoding_source: report.encoding_source ?? null,
    encoding_confident: report.encoding_confident ?? true,
    encoding_candidates: report.encoding_candidates ?? [],
    read_count: row.read_count,
    feature_count: row.feature_count,
    geometry_types: row.geometry_types,
    bbox: row.bbox as LonLatBox | null,
    fields: (report.fields ?? []).map((f) => ({ ...f, type: f.type as LayerUpload['fields'][number]['type'] })),
    problems: report.problems ?? [],
    counts: report.counts ?? { rejected: 0, repaired: 0, skipped: 0 },
    created_at: row.created_at,
    expires_at: row.expires_at,
    preview: `${baseUrl}/api/layer-uploads/${row.id}/preview`,
  }
}

/** A layer as staff see it. */
export function toManagedLayer(row: ManagedLayerRow): ManagedLayer {
  return {
    id: row.id,
    city: row.city_id,
    status: row.status,
    theme: row.theme as ThemeId,
    title: row.title,
    description: row.description,
    geometry_type: row.geometry_type,
    attributes: row.attributes as ManagedLayer['attributes'],
    style: row.style as ManagedLayer['style'],
    minzoom: row.minzoom,
    maxzoom: row.maxzoom,
    licence: row.licence,
    attribution: row.attribution,
    synthetic: row.synthetic,
    document_type: row.document_type,
    decision_number: row.decision_number,
    decision_date: row.decision_date,
    developer: row.developer,
    source: row.source,
    organisation: row.organisation_id,
    update_frequency: row.update_frequency,
    legal_basis: row.legal_basis,
    responsible_role: row.responsible_role,
    revision: row.revision,
    version: row.version,
    feature_count: row.feature_count,
    bbox: row.bbox as LonLatBox | null,
    created_at: row.created_at,
    updated_at: row.updated_at,
    review:
      row.review_status && row.review_requested_at
        ? { status: row.review_status, requested_by: row.review_requested_by_name, requested_at: row.review_requested_at }
        : null,
  }
}

/** One revision with its downloads. */
export function toLayerVersion(layerId: string, v: LayerRevision, baseUrl: string): LayerVersion {
  const base = `${baseUrl}/api/layers/${layerId}/versions/${v.revision}`
  return {
    revision: v.revision,
    created_at: v.created_at,
    file_name: v.file_name,
    mode: v.mode,
    key: v.key_field,
    feature_count: v.feature_count,
    added: v.added,
    removed: v.removed,
    changed: v.changed,
    bbox: v.bbox as LonLatBox | null,
    downloads: { geojson: `${base}/export.geojson`, changes: `${base}/changes` },
    tiles: `${base}/tiles/{z}/{x}/{y}.mvt`,
  }
}
