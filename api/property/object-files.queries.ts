/** Photos of register lines and offers, and PDFs of register lines: counted, written, found. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

/** What a photo belongs to: a register line, or an offer. */
export type PhotoOwner = { property_id: number } | { investment_id: number }

/** How many photos an object has. */
export async function countObjectPhotos(trx: Transaction<DB>, owner: PhotoOwner): Promise<number> {
  const [column, id] = 'property_id' in owner ? (['property_id', owner.property_id] as const) : (['investment_id', owner.investment_id] as const)
  return (await trx.selectFrom('object_photos').select(sql<number>`count(*)::int`.as('n')).where(column, '=', id).executeTakeFirstOrThrow()).n
}

/** Records a photo, its file staged under `key`. */
export async function insertObjectPhoto(trx: Transaction<DB>, owner: PhotoOwner, p: { key: string; caption: string; width: number; height: number; userId: number }): Promise<void> {
  await trx.insertInto('object_photos').values({ ...owner, storage_key: p.key, caption: p.caption, width: p.width, height: p.height, created_by: p.userId }).execute()
}

/** The storage key of a public photo of a register line (none of a sensitive one), or undefined. */
export async function findPropertyPhotoKey(db: Kysely<DB>, propertyId: number, photoId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('object_photos as ph')
    .innerJoin('property_objects as p', 'p.id', 'ph.property_id')
    .select('ph.storage_key')
    .where('ph.id', '=', photoId)
    .where('ph.property_id', '=', propertyId)
    .where('p.sensitive', '=', false)
    .executeTakeFirst()
  return row?.storage_key
}

/** The storage key of a photo of a published offer, or undefined. */
export async function findInvestmentPhotoKey(db: Kysely<DB>, investmentId: number, photoId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('object_photos as ph')
    .innerJoin('investment_objects as i', 'i.id', 'ph.investment_id')
    .select('ph.storage_key')
    .where('ph.id', '=', photoId)
    .where('ph.investment_id', '=', investmentId)
    .where('i.published', '=', true)
    .executeTakeFirst()
  return row?.storage_key
}

/** How many PDFs a register line has. */
export async function countPropertyDocuments(trx: Transaction<DB>, propertyId: number): Promise<number> {
  return (await trx.selectFrom('property_documents').select(sql<number>`count(*)::int`.as('n')).where('property_id', '=', propertyId).executeTakeFirstOrThrow()).n
}

/** Records a PDF of a register line, its file staged under its id. */
export async function insertPropertyDocument(trx: Transaction<DB>, d: { id: string; propertyId: number; title: string; fileName: string; bytes: number; pages: number | null; sha256: string; userId: number }): Promise<void> {
  await trx
    .insertInto('property_documents')
    .values({ id: d.id, property_id: d.propertyId, title: d.title, file_name: d.fileName, bytes: d.bytes, pages: d.pages, sha256: d.sha256, created_by: d.userId })
    .execute()
}

/** A PDF of a register line, or undefined. */
export async function findPropertyDocument(db: Kysely<DB>, propertyId: number, id: string): Promise<{ id: string; file_name: string; sha256: string } | undefined> {
  return db.selectFrom('property_documents').select(['id', 'file_name', 'sha256']).where('property_id', '=', propertyId).where('id', '=', id).executeTakeFirst()
}

/** Whether a register line exists, locked against a concurrent change. */
export async function lockPropertyLine(trx: Transaction<DB>, id: number): Promise<boolean> {
  return (await trx.selectFrom('property_objects').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined
}

/** Whether an offer exists, locked against a concurrent change. */
export async function lockOffer(trx: Transaction<DB>, id: number): Promise<boolean> {
  return (await trx.selectFrom('investment_objects').select('id').where('id', '=', id).forUpdate().executeTakeFirst()) !== undefined
}
