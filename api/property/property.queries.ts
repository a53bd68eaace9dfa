/** The property register's SQL: the public search with its filters, one object, the appeals about it. */
import { type Kysely, type SqlBool, sql } from 'kysely'
import { type DB, lonLatEnvelope } from '../../db/index.ts'
import { OPEN_STATUSES, type PropertyListQuery } from '../contract/index.ts'

/** One register line as the public reads it: names of persons never stored, the place withheld when sensitive. */
export interface PropertyRow {
  id: number
  city_id: string
  kind: 'land' | 'premises' | 'building'
  register_id: string
  name: string | null
  cadastral_number: string | null
  inventory_number: string | null
  balance_holder_id: string | null
  balance_holder_name: string | null
  balance_holder_edrpou: string | null
  owner_name: string | null
  user_name: string | null
  nk018_class: string | null
  purpose_code: string | null
  purpose: string | null
  area_m2: number | null
  normative_value: number | null
  rights_registration: string | null
  condition: 'good' | 'satisfactory' | 'poor' | 'emergency' | null
  utilities: string[]
  status: 'free' | 'list_1' | 'list_2' | 'at_auction' | 'leased' | 'in_use' | 'not_for_lease'
  lessee_kind: 'organisation' | 'person' | null
  lessee_name: string | null
  leased_from: string | null
  leased_until: string | null
  auction_lot_id: string | null
  auction_start: string | null
  auction_end: string | null
  address: string | null
  district_id: number | null
  district_name: string | null
  sensitive: boolean
  /** GeoJSON, null when withheld or not placed. */
  geometry: unknown
  source: 'staff' | 'import' | 'demo'
  synthetic: boolean
  updated_at: Date
  feature_id: number | null
  photos: Array<{ id: number; caption: string }>
  documents: Array<{ id: string; title: string; pages: number | null; bytes: number }>
}

/** The filters of a search, as the contract parses them (paging and format aside). */
export type PropertyFilters = Omit<PropertyListQuery, 'limit' | 'offset' | 'format'>

function searchOf(db: Kysely<DB>, f: PropertyFilters) {
  return db
    .selectFrom('property_objects as p')
    .$if(f.city !== undefined, (q) => q.where('p.city_id', '=', f.city!))
    .$if(f.kind !== undefined, (q) => q.where('p.kind', 'in', f.kind!))
    .$if(f.status !== undefined, (q) => q.where('p.status', 'in', f.status!))
    .$if(f.district !== undefined, (q) => q.where('p.district_id', '=', f.district!))
    .$if(f.area_min !== undefined, (q) => q.where('p.area_m2', '>=', f.area_min!))
    .$if(f.area_max !== undefined, (q) => q.where('p.area_m2', '<=', f.area_max!))
    .$if(f.purpose !== undefined, (q) => q.where((eb) => eb.or([eb('p.purpose_code', '=', f.purpose!), eb('p.purpose_code', 'like', `${f.purpose!}.%`)])))
    .$if(f.q !== undefined, (q) => {
      const like = `%${f.q!.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
      return q.where((eb) => eb.or([eb('p.name', 'ilike', like), eb('p.address', 'ilike', like), eb('p.cadastral_number', 'ilike', like), eb('p.register_id', 'ilike', like)]))
    })
    .$if(f.bbox !== undefined, (q) =>
      // A withheld place must not be found by narrowing boxes down on it.
      q.where('p.sensitive', '=', false).where(sql<SqlBool>`ST_Intersects(p.geom, ${lonLatEnvelope(f.bbox!)})`),
    )
}

/** What a register line shows: the geometry only when public. */
function publicColumns(db: Kysely<DB>) {
  return db
    .selectFrom('property_objects as p')
    .leftJoin('districts as d', 'd.id', 'p.district_id')
    .leftJoin('organisations as o', 'o.id', 'p.balance_holder_id')
    .select([
      'p.id', 'p.city_id', 'p.kind', 'p.register_id', 'p.name', 'p.cadastral_number', 'p.inventory_number', 'p.balance_holder_id',
      'p.balance_holder_edrpou', 'p.owner_name', 'p.user_name', 'p.nk018_class', 'p.purpose_code', 'p.purpose', 'p.area_m2',
      'p.normative_value', 'p.rights_registration', 'p.condition', 'p.utilities', 'p.status', 'p.lessee_kind', 'p.lessee_name',
      'p.auction_lot_id', 'p.address', 'p.district_id', 'p.sensitive', 'p.source', 'p.synthetic', 'p.updated_at', 'p.feature_id',
      'd.name as district_name',
    ])
    .select([
      sql<string | null>`coalesce(o.name ->> 'uk', p.balance_holder_name)`.as('balance_holder_name'),
      sql<string | null>`p.leased_from::text`.as('leased_from'),
      sql<string | null>`p.leased_until::text`.as('leased_until'),
      sql<string | null>`p.auction_start::text`.as('auction_start'),
      sql<string | null>`p.auction_end::text`.as('auction_end'),
      sql<unknown>`CASE WHEN p.sensitive THEN NULL ELSE ST_AsGeoJSON(p.geom, 7)::json END`.as('geometry'),
      // A sensitive site's photos could show where it is.
      sql<PropertyRow['photos']>`coalesce((SELECT json_agg(json_build_object('id', ph.id, 'caption', ph.caption) ORDER BY ph.id)
                                             FROM object_photos ph WHERE ph.property_id = p.id AND NOT p.sensitive), '[]')`.as('photos'),
      sql<PropertyRow['documents']>`coalesce((SELECT json_agg(json_build_object('id', d.id, 'title', d.title, 'pages', d.pages, 'bytes', d.bytes) ORDER BY d.created_at)
                                                FROM property_documents d WHERE d.property_id = p.id), '[]')`.as('documents'),
    ])
}

/** How many public register lines satisfy the filters. */
export async function countPropertyObjects(db: Kysely<DB>, filters: PropertyFilters): Promise<number> {
  const row = await searchOf(db, filters).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  return row.n
}

/** A page of the register lines that satisfy the filters, by id; every match when `limit` is undefined. */
export async function listPropertyObjects(db: Kysely<DB>, filters: PropertyFilters, limit?: number, offset = 0): Promise<PropertyRow[]> {
  const ids = searchOf(db, filters).select('p.id')
  return (await publicColumns(db)
    .where('p.id', 'in', ids)
    .orderBy('p.id')
    .$if(limit !== undefined, (q) => q.limit(limit!).offset(offset))
    .execute()) as PropertyRow[]
}

/** One register line, or undefined. */
export async function findPropertyObject(db: Kysely<DB>, id: number): Promise<PropertyRow | undefined> {
  return (await publicColumns(db).where('p.id', '=', id).executeTakeFirst()) as PropertyRow | undefined
}

/** A public appeal about a feature, as an object's page lists it. */
export interface ObjectAppealRow {
  number: string
  status: string
  category_id: string
  created_at: Date
}

/** The public appeals about a layer's feature: open ones first, newest first; at most 50. */
export async function appealsAbout(db: Kysely<DB>, layerId: string, featureId: number): Promise<ObjectAppealRow[]> {
  return db
    .selectFrom('appeals')
    .select(['number', 'status', 'category_id', 'created_at'])
    .where('object_layer_id', '=', layerId)
    .where('object_feature_id', '=', featureId)
    .where('is_public', '=', true)
    .where('status', 'not in', ['rejected', 'duplicate'])
    .orderBy(sql`status = ANY(${[...OPEN_STATUSES]})`, 'desc')
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute()
}

