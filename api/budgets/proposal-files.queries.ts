import { type Kysely, sql, type Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'

/** How many photos a proposal has at a stage. */
export async function countPhotos(trx: Transaction<DB>, proposalId: number, stage: 'proposal' | 'implementation'): Promise<number> {
  const row = await trx.selectFrom('budget_photos').select(sql<number>`count(*)::int`.as('n')).where('proposal_id', '=', proposalId).where('stage', '=', stage).executeTakeFirstOrThrow()
  return row.n
}

/** Records a photo kept in the photo store under `key`. */
export async function insertPhoto(trx: Transaction<DB>, p: { proposalId: number; stage: 'proposal' | 'implementation'; key: string; caption: string; userId: number }): Promise<void> {
  await trx.insertInto('budget_photos').values({ proposal_id: p.proposalId, stage: p.stage, storage_key: p.key, caption: p.caption, created_by: p.userId }).execute()
}

/** A photo's key in the photo store, or undefined. */
export async function findPhotoKey(db: Kysely<DB>, proposalId: number, photoId: number): Promise<string | undefined> {
  return (await db.selectFrom('budget_photos').select('storage_key').where('proposal_id', '=', proposalId).where('id', '=', photoId).executeTakeFirst())?.storage_key
}

/** How many PDFs a proposal has. */
export async function countDocuments(trx: Transaction<DB>, proposalId: number): Promise<number> {
  const row = await trx.selectFrom('budget_documents').select(sql<number>`count(*)::int`.as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow()
  return row.n
}

/** Records a PDF kept in the document store under its id. */
export async function insertDocument(trx: Transaction<DB>, d: { id: string; proposalId: number; title: string; fileName: string; bytes: number; pages: number | null; sha256: string; userId: number }): Promise<void> {
  await trx
    .insertInto('budget_documents')
    .values({ id: d.id, proposal_id: d.proposalId, title: d.title, file_name: d.fileName, bytes: d.bytes, pages: d.pages, sha256: d.sha256, created_by: d.userId })
    .execute()
}

/** A proposal's PDF as its download needs it, or undefined. */
export async function findDocument(db: Kysely<DB>, proposalId: number, id: string): Promise<{ id: string; file_name: string; sha256: string } | undefined> {
  return db.selectFrom('budget_documents').select(['id', 'file_name', 'sha256']).where('proposal_id', '=', proposalId).where('id', '=', id).executeTakeFirst()
}
