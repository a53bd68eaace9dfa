import { useTranslation } from 'react-i18next'
import { RoutingRulePage } from '../../api-client/index.ts'
import type { Language } from '../../url-state/index.ts'
import { AdminCollection } from './AdminCollection.tsx'
import { RoutingRuleForm } from './RoutingRuleForm.tsx'
import { useOrganisationOptions } from './use-organisation-options.ts'

/** The routing rules of a city: which organisation gets a category's appeals in a district. */
export function AdminRoutingRules({ city, language }: { city: string; language: Language }) {
  const { t } = useTranslation()
  const organisations = useOrganisationOptions(language, city)
  const organisationName = (id: string) => organisations.find((o) => o.value === id)?.label ?? id
  return (
    <AdminCollection
      heading={t('office.admin.tab.routing')}
      url={`/api/admin/routing-rules?city=${encodeURIComponent(city)}`}
      schema={RoutingRulePage}
      columns={[
        { label: t('office.fields.category'), value: (r) => r.category },
        { label: t('office.admin.field.district'), value: (r) => (r.district === null ? t('office.admin.field.wholeCity') : (r.district_name ?? String(r.district))) },
        { label: t('office.fields.organisation'), value: (r) => organisationName(r.organisation) },
      ]}
      name={(r) => `${r.category} / ${r.district_name ?? r.district ?? t('office.admin.field.wholeCity')} (#${r.id})`}
      deleteUrl={(r) => `/api/admin/routing-rules/${r.id}`}
      form={(record, done, cancel) => <RoutingRuleForm record={record} city={city} organisations={organisations} language={language} done={done} cancel={cancel} />}
    />
  )
}
