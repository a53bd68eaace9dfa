import { AdminOrganisationPage } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import type { SelectOption } from '../shared/index.ts'

/**
 * The organisations an administrator can pick (`GET /api/admin/organisations`), of one city or,
 * without `city`, of all with the city in the label. Empty while loading.
 */
export function useOrganisationOptions(language: Language, city?: string): SelectOption[] {
  const list = useApiResource(`/api/admin/organisations${city ? `?city=${encodeURIComponent(city)}` : ''}`, AdminOrganisationPage)
  if (list.status !== 'ready') return []
  return list.data.items.map((o) => ({ value: o.id, label: city ? pickText(o.name, language) : `${pickText(o.name, language)} (${o.city})` }))
}
