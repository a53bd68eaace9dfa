import type { Layer } from '../catalogue/index.ts'

/** What an export says about its source, in whatever place its format has for it. */
export type ExportLayer = Pick<Layer, 'id' | 'title' | 'description' | 'licence' | 'attribution' | 'synthetic' | 'attributes' | 'geometry_type' | 'version' | 'updated_at'>

/**
 * The layer's terms in one line, for the description fields of GeoPackage and FlatGeobuf:
 * licence, attribution and, for generated demo data, that it is synthetic.
 *
 * @example exportNotice(layer) // 'Licence: CC-BY-4.0. Attribution: Київська міська рада.'
 */
export function exportNotice(layer: Pick<Layer, 'licence' | 'attribution' | 'synthetic'>): string {
  return `Licence: ${layer.licence}. Attribution: ${layer.attribution}.${layer.synthetic ? ' Synthetic data: generated for the demo, not a real register.' : ''}`
}

/** The layer's terms as key–value metadata (FlatGeobuf's `metadata`, GeoPackage's metadata table). */
export function exportMetadata(layer: ExportLayer): Record<string, string> {
  return {
    name: layer.id,
    title: layer.title.uk,
    title_en: layer.title.en,
    licence: layer.licence,
    attribution: layer.attribution,
    synthetic: String(layer.synthetic),
    version: String(layer.version),
  }
}
