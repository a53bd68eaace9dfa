import { z } from 'zod'
import { AppealStatusSchema } from '../../api-client/index.ts'
import { LanguageSchema } from '../../url-state/index.ts'

/**
 * What an office page keeps in its query string, so that a filtered queue or an audit search
 * can be shared and survives a reload:
 *
 *   /office/queue?tab=organisation&city=kyiv&status=in_progress&q=яма&page=2&lang=en
 *
 * Every parameter is validated on its own: a malformed one is dropped, the others still apply.
 */
export const OfficeQuerySchema = z.object({
  lang: LanguageSchema.optional(),
  /** The sub-view of a section: a queue, or an admin collection. */
  tab: z.string().regex(/^[a-z-]+$/).optional(),
  city: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  status: AppealStatusSchema.optional(),
  category: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  organisation: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).optional(),
  q: z.string().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  object_type: z.string().regex(/^[a-z-]+$/).optional(),
  object_id: z.string().min(1).max(100).optional(),
  actor: z.string().min(1).max(100).optional(),
})
export type OfficeQuery = z.infer<typeof OfficeQuerySchema>

const KEYS = Object.keys(OfficeQuerySchema.shape) as (keyof OfficeQuery)[]

/** Reads an office query string (with or without its `?`); returns `{}` for an empty one. */
export function parseOfficeQuery(search: string): OfficeQuery {
  const params = new URLSearchParams(search)
  const query: Record<string, unknown> = {}
  for (const key of KEYS) {
    const value = params.get(key)
    if (value === null) continue
    const parsed = OfficeQuerySchema.shape[key].safeParse(value)
    if (parsed.success && parsed.data !== undefined) query[key] = parsed.data
  }
  return query as OfficeQuery
}

/** Writes an office query with a leading `?` (`''` when empty); Ukrainian, the default, is left out. */
export function formatOfficeQuery(query: OfficeQuery): string {
  const params = new URLSearchParams()
  for (const key of KEYS) {
    const value = query[key]
    if (value === undefined || (key === 'lang' && value === 'uk') || (key === 'page' && value === 1)) continue
    params.set(key, String(value))
  }
  const search = params.toString()
  return search === '' ? '' : `?${search}`
}

/** A link within the office that keeps the interface language. */
export function officeHref(path: string, language: 'uk' | 'en'): string {
  return language === 'uk' ? path : `${path}?lang=${language}`
}
