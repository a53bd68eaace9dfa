import { AdminOrganisationPage } from '../../api-client/office-schemas.ts'
import { useApiResource } from '../../hooks/use-api-resource.ts'
import { pickText } from '../../i18n/i18n.ts'
import type { Language } from '../../url-state.ts'
import type { SelectOption } from '../FieldSelect.tsx'

/**
 * The organisations an administrator can pick (`GET /api/admin/organisations`), of one city or,
 * without `city`, of all with the city in the label. Empty while loading.
 */
export function useOrganisationOptions(language: Language, city?: string): SelectOption[] {
  const list = useApiResource(`/api/admin/organisations${city ? `?city=${encodeURIComponent(city)}` : ''}`, AdminOrganisationPage)
  if (list.status !== 'ready') return []
  return list.data.items.map((o) => ({ value: o.id, label: city ? pickText(o.name, language) : `${pickText(o.name, language)} (${o.city})` }))
}
