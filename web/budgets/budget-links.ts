import type { Language } from '../url-state/index.ts'

/** A path with the query's `lang` (Ukrainian, the default, stays out). */
function withQuery(path: string, query: URLSearchParams, language: Language): string {
  if (language !== 'uk') query.set('lang', language)
  const search = query.toString()
  return search ? `${path}?${search}` : path
}

/** The section's page for a city (the first city when absent) and one of its editions (the current one when absent). */
export function budgetsHref(language: Language, cityId?: string, edition?: number): string {
  const query = new URLSearchParams()
  if (cityId) query.set('city', cityId)
  if (edition !== undefined) query.set('edition', String(edition))
  return withQuery('/budgets', query, language)
}

/** A project's page. */
export const proposalHref = (edition: number, proposal: string, language: Language) => withQuery(`/budgets/${edition}/proposals/${encodeURIComponent(proposal)}`, new URLSearchParams(), language)

/** The proposal wizard of an edition. */
export const proposeHref = (edition: number, language: Language) => withQuery(`/budgets/${edition}/propose`, new URLSearchParams(), language)

/** A Prozorro tender's public page. */
export const prozorroHref = (tenderId: string) => `https://prozorro.gov.ua/tender/${encodeURIComponent(tenderId)}`
