import { AnySchema, sendJson } from '../../api-client/index.ts'

/**
 * Creates (POST to the collection) or changes (PATCH to the item) one admin record. The list
 * is loaded again afterwards, so the answer is not read. Throws `ApiProblemError` on refusal.
 */
export async function saveAdminRecord(url: string, method: 'POST' | 'PATCH', body: unknown): Promise<void> {
  await sendJson(url, AnySchema, { method, body })
}

/** Deletes one admin record. Throws `ApiProblemError` on refusal (e.g. still referenced). */
export async function deleteAdminRecord(url: string): Promise<void> {
  await sendJson(url, AnySchema, { method: 'DELETE', body: undefined })
}
