import type { Map as MapLibreMap } from 'maplibre-gl'
import { z } from 'zod'

/** What the server's style says about each of its layers, in `metadata`. */
const HromadaMetadataSchema = z.object({
  'hromada:layer': z.string(),
  'hromada:role': z.enum(['basemap', 'data']),
})

/** A style layer that draws (part of) a catalogue layer. */
export interface HromadaStyleLayer {
  /** The MapLibre style layer id, e.g. `kyiv-land-parcels-outline`. */
  styleLayerId: string
  /** The catalogue layer it draws, e.g. `kyiv-land-parcels`. */
  layerId: string
  /** Basemap layers are always drawn; data layers follow the catalogue toggles. */
  role: 'basemap' | 'data'
}

/**
 * The style layers of the current style that belong to catalogue layers, bottom to top.
 * Layers without `hromada:` metadata (the background, the selection highlight) are left out.
 */
export function hromadaStyleLayers(map: MapLibreMap): HromadaStyleLayer[] {
  return map.getLayersOrder().flatMap((styleLayerId) => {
    const metadata = HromadaMetadataSchema.safeParse(map.getLayer(styleLayerId)?.metadata)
    if (!metadata.success) return []
    return [{ styleLayerId, layerId: metadata.data['hromada:layer'], role: metadata.data['hromada:role'] }]
  })
}

/** The catalogue layer a style layer draws, or undefined for a layer that is not one of ours. */
export function catalogueLayerOf(metadata: unknown): string | undefined {
  const parsed = HromadaMetadataSchema.safeParse(metadata)
  return parsed.success ? parsed.data['hromada:layer'] : undefined
}
