/** An items request read and answered: the one path from query parameters to a page of features. */
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { DB } from '../../db/index.ts'
import type { Layer } from '../../layers/index.ts'
import type { OgcItemsQuery } from '../contract/index.ts'
import { problems } from '../http/index.ts'
import { dateAttributeOf } from './ogc-documents.ts'
import type { OgcCrs } from './ogc-crs.ts'
import { filterValue, parseBbox, parseDatetime, requireCrs, RESERVED_ITEM_PARAMETERS } from './ogc-request.ts'
import { findItemPage, type ItemPage, type ItemSelection } from './ogc.queries.ts'

/** The equality filters of an items request: every parameter that is not reserved names a public attribute. */
function equalityFilters(layer: Layer, query: Record<string, unknown>): Record<string, string | number | boolean> {
  const attributes = new Map(layer.attributes.filter((a) => a.public).map((a) => [a.name, a]))
  const equals: Record<string, string | number | boolean> = {}
  for (const [name, value] of Object.entries(query)) {
    if (RESERVED_ITEM_PARAMETERS.has(name) || value === undefined) continue
    const attribute = attributes.get(name)
    if (!attribute) {
      throw problems.invalid(`Unknown parameter "${name}": the parameters are ${[...RESERVED_ITEM_PARAMETERS].join(', ')} and the queryables ${[...attributes.keys()].join(', ')}`, [
        { field: `query.${name}`, message: 'is neither a parameter nor a queryable of this collection' },
      ])
    }
    equals[name] = filterValue(name, attribute.type, String(value))
  }
  return equals
}

/** A page of a collection's features as `query` asks (box, dates, filters, CRS, cursor, limit); a 400 for any wrong value. */
export async function findItems(db: Kysely<DB>, layer: Layer, query: z.output<typeof OgcItemsQuery>): Promise<{ crs: OgcCrs; page: ItemPage }> {
  const crs = requireCrs('crs', query.crs)
  const bboxCrs = requireCrs('bbox-crs', query['bbox-crs'])
  const dateAttribute = dateAttributeOf(layer)
  if (query.datetime !== undefined && !dateAttribute) throw problems.invalid('datetime: this collection has no date to filter by', [{ field: 'query.datetime', message: 'the collection has no date' }])
  const selection: ItemSelection = {
    layerId: layer.id,
    bbox: query.bbox === undefined ? undefined : parseBbox(query.bbox, bboxCrs),
    dates: query.datetime === undefined ? undefined : { attribute: dateAttribute!, ...parseDatetime(query.datetime) },
    equals: equalityFilters(layer, query),
  }
  return { crs, page: await findItemPage(db, selection, crs, query.cursor ?? 0, query.limit) }
}
