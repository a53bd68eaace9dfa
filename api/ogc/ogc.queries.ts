import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { DB } from '../../db/index.ts'
import type { OgcCrs } from './ogc-crs.ts'

/** A box in a CRS: `[minx, miny, maxx, maxy]` in that CRS's own axis order already undone (x = easting). */
export interface CrsBox {
  box: readonly [number, number, number, number]
  srid: number
}

/** What an items request selects, every part already validated. */
export interface ItemSelection {
  layerId: string
  bbox?: CrsBox | undefined
  /** Dates (`YYYY-MM-DD`) the date attribute must lie within, each end open when undefined. */
  dates?: { attribute: string; from: string | undefined; to: string | undefined } | undefined
  /** Attribute → the JSON value features must have. */
  equals: Record<string, string | number | boolean>
}

/** The features' geometry as GeoJSON text in `crs`, axis order and precision included. */
function geometryIn(crs: OgcCrs): RawBuilder<string> {
  // Options 0: no `crs` member inside the geometry; the response's `Content-Crs` names it.
  if (crs.srid === 4326 && !crs.northingFirst) return sql<string>`ST_AsGeoJSON(geom, ${sql.lit(crs.precision)}, 0)`
  const projected = crs.srid === 3857 ? sql`geom_3857` : sql`ST_Transform(geom, ${sql.lit(crs.srid)})`
  const ordered = crs.northingFirst ? sql`ST_FlipCoordinates(${projected})` : projected
  return sql<string>`ST_AsGeoJSON(${ordered}, ${sql.lit(crs.precision)}, 0)`
}

/** A feature written by the database as one GeoJSON text, so a page is joined, never re-encoded. */
function featureText(crs: OgcCrs): RawBuilder<string> {
  return sql<string>`'{"type":"Feature","id":' || id || ',"geometry":' || coalesce(${geometryIn(crs)}, 'null') || ',"properties":' || public_properties::text || '}'`
}

/** The WHERE of a selection: the layer's partition, then the box, the dates and the equalities. */
function whereOf(selection: ItemSelection): RawBuilder<boolean> {
  const terms: RawBuilder<unknown>[] = [sql`layer_id = ${selection.layerId}`]
  const { bbox, dates } = selection
  if (bbox) {
    const [x1, y1, x2, y2] = bbox.box
    // A projected box is densified before it becomes longitude/latitude, so its edges stay true.
    const box =
      bbox.srid === 4326
        ? sql`ST_MakeEnvelope(${x1}, ${y1}, ${x2}, ${y2}, 4326)`
        : sql`ST_Transform(ST_Segmentize(ST_MakeEnvelope(${x1}, ${y1}, ${x2}, ${y2}, ${sql.lit(bbox.srid)}), ${Math.max(x2 - x1, y2 - y1) / 16}), 4326)`
    terms.push(sql`ST_Intersects(geom, ${box})`)
  }
  if (dates) {
    // Dates are stored as ISO 8601 text, which sorts as the dates do; only well-formed ones match.
    const value = sql`left(public_properties->>${dates.attribute}, 10)`
    terms.push(sql`public_properties->>${dates.attribute} ~ '^\\d{4}-\\d{2}-\\d{2}'`)
    if (dates.from) terms.push(sql`${value} >= ${dates.from}`)
    if (dates.to) terms.push(sql`${value} <= ${dates.to}`)
  }
  if (Object.keys(selection.equals).length > 0) terms.push(sql`public_properties @> ${JSON.stringify(selection.equals)}::jsonb`)
  return sql<boolean>`${sql.join(terms, sql` AND `)}`
}

/** One page of a selection: the features after `cursor` in id order, and how many match in all. */
export interface ItemPage {
  matched: number
  returned: number
  /** The page's features as GeoJSON text, joined by commas: the inside of a `features` array. */
  features: string
  /** The id of the page's last feature, where the next page starts; undefined on the last page. */
  nextCursor: number | undefined
}

/**
 * A page of features and the exact number that match, in one statement that answers one row:
 * the database joins the page's GeoJSON, so the server passes it on as it is. The page reads
 * one feature more than it returns, to know whether a next page exists.
 */
export async function findItemPage(db: Kysely<DB>, selection: ItemSelection, crs: OgcCrs, cursor: number, limit: number): Promise<ItemPage> {
  const where = whereOf(selection)
  const { rows } = await sql<{ matched: number; read: number; last_id: number | null; features: string | null }>`
    SELECT c.matched, p.read, p.last_id, p.features
      FROM (SELECT count(*)::int AS matched FROM features WHERE ${where}) c,
           (SELECT count(*)::int AS read, max(id) FILTER (WHERE n <= ${limit}) AS last_id,
                   string_agg(feature, ',' ORDER BY id) FILTER (WHERE n <= ${limit}) AS features
              FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, ${featureText(crs)} AS feature FROM features
                     WHERE ${where} AND id > ${cursor} ORDER BY id LIMIT ${limit + 1}) page) p`.execute(db)
  const row = rows[0]!
  const more = row.read > limit
  return { matched: row.matched, returned: Math.min(row.read, limit), features: row.features ?? '', nextCursor: more ? Number(row.last_id) : undefined }
}

/** One feature of a layer as GeoJSON text in `crs`, or undefined. */
export async function findItem(db: Kysely<DB>, layerId: string, id: number, crs: OgcCrs): Promise<string | undefined> {
  const { rows } = await sql<{ feature: string }>`SELECT ${featureText(crs)} AS feature FROM features WHERE layer_id = ${layerId} AND id = ${id}`.execute(db)
  return rows[0]?.feature
}

/** The first and last day of a layer's date attribute, null without any well-formed date. */
export async function findDateRange(db: Kysely<DB>, layerId: string, dateAttribute: string): Promise<{ firstDate: string | null; lastDate: string | null }> {
  const date = sql`CASE WHEN public_properties->>${dateAttribute} ~ '^\\d{4}-\\d{2}-\\d{2}' THEN left(public_properties->>${dateAttribute}, 10) END`
  const { rows } = await sql<{ firstDate: string | null; lastDate: string | null }>`
    SELECT min(${date}) AS "firstDate", max(${date}) AS "lastDate" FROM features WHERE layer_id = ${layerId}`.execute(db)
  return rows[0]!
}
