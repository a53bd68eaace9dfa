import type { Kysely } from 'kysely'
import type { DB, LocalizedJson } from '../../db/index.ts'
import { findLayerContents, findPublicLayer, listPublicLayers, type Layer } from '../../layers/index.ts'

/** A public layer with what its passport needs besides its own row: its city's and owner's names, its size. */
export interface PassportRow {
  layer: Layer
  cityName: LocalizedJson
  /** The layer's organisation, when it has one. */
  organisation: { id: string; name: LocalizedJson } | null
  /** Bytes of the stored public data: each feature's geometry and attributes. */
  dataBytes: number
  /** Features marked generated (`synthetic: true` among their properties), as the appeals and budget layers mark theirs. */
  syntheticFeatures: number
}

/** Which public layers: one by id, those of a city, or (neither set) every city's. */
export interface PassportSelection {
  cityId?: string | undefined
  layerId?: string | undefined
}

/**
 * The selected public layers in catalogue order, each with its city, its organisation and the
 * size of its data. Empty for an unknown city or layer.
 */
export async function listPassportRows(db: Kysely<DB>, { cityId, layerId }: PassportSelection = {}): Promise<PassportRow[]> {
  const layers = layerId === undefined ? await listPublicLayers(db, cityId) : [await findPublicLayer(db, layerId)].filter((l) => l !== undefined)
  if (layers.length === 0) return []
  const [cities, organisations, contents] = await Promise.all([
    db.selectFrom('cities').select(['id', 'name']).execute(),
    db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', [...new Set(layers.map((l) => l.organisation_id ?? ''))]).execute(),
    findLayerContents(db, layers),
  ])
  const cityNames = new Map(cities.map((c) => [c.id, c.name]))
  const organisationOf = new Map(organisations.map((o) => [o.id, o]))
  return layers.map((layer) => ({
    layer,
    cityName: cityNames.get(layer.city_id) ?? { uk: layer.city_id, en: layer.city_id },
    organisation: (layer.organisation_id && organisationOf.get(layer.organisation_id)) || null,
    dataBytes: contents.get(layer.id)?.bytes ?? 0,
    syntheticFeatures: contents.get(layer.id)?.syntheticFeatures ?? 0,
  }))
}
