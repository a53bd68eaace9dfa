import { useTranslation } from 'react-i18next'
import { CityListSchema } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { FieldSelect, SubNav, useOfficeQuery } from '../shared/index.ts'
import { AdminCategories } from './AdminCategories.tsx'
import { AdminDeputies } from './AdminDeputies.tsx'
import { AdminOrganisations } from './AdminOrganisations.tsx'
import { AdminRoutingRules } from './AdminRoutingRules.tsx'
import { AdminUsers } from './AdminUsers.tsx'

const TABS = ['users', 'organisations', 'categories', 'routing', 'deputies'] as const
type AdminTab = (typeof TABS)[number]
// Users and categories span every city; the others belong to one.
const PER_CITY: ReadonlySet<AdminTab> = new Set(['organisations', 'routing', 'deputies'])

/** `/office/admin`: users, organisations, categories, routing rules and deputies, one at a time. */
export function AdminSection({ language }: { language: Language }) {
  const { t } = useTranslation()
  const { query, update } = useOfficeQuery()
  const tab = TABS.find((candidate) => candidate === query.tab) ?? 'users'
  const cities = useApiResource('/api/cities', CityListSchema)
  const city = query.city ?? (cities.status === 'ready' ? cities.data[0]?.id : undefined)
  return (
    <>
      <h1>{t('office.section.admin')}</h1>
      <SubNav label={t('office.admin.tabs')} tabs={TABS.map((id) => ({ id, label: t(`office.admin.tab.${id}`) }))} current={tab} query={query} />
      {PER_CITY.has(tab) && (
        <FieldSelect
          label={t('office.filters.city')}
          value={city ?? ''}
          options={cities.status === 'ready' ? cities.data.map((c) => ({ value: c.id, label: pickText(c.name, language) })) : []}
          onChange={(value) => update({ city: value })}
        />
      )}
      {tab === 'users' && <AdminUsers language={language} />}
      {tab === 'categories' && <AdminCategories language={language} />}
      {city && tab === 'organisations' && <AdminOrganisations key={city} city={city} language={language} />}
      {city && tab === 'routing' && <AdminRoutingRules key={city} city={city} language={language} />}
      {city && tab === 'deputies' && <AdminDeputies key={city} city={city} />}
    </>
  )
}
