import { useTranslation } from 'react-i18next'
import { AdminOrganisationPage } from '../../api-client/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { AdminCollection } from './AdminCollection.tsx'
import { OrganisationForm } from './OrganisationForm.tsx'

/** The organisations of a city that answer appeals. */
export function AdminOrganisations({ city, language }: { city: string; language: Language }) {
  const { t } = useTranslation()
  return (
    <AdminCollection
      heading={t('office.admin.tab.organisations')}
      url={`/api/admin/organisations?city=${encodeURIComponent(city)}`}
      schema={AdminOrganisationPage}
      columns={[
        { label: t('office.admin.field.id'), value: (o) => o.id },
        { label: t('office.admin.field.name'), value: (o) => pickText(o.name, language) },
        { label: t('office.admin.field.kind'), value: (o) => t(`office.kind.${o.kind}`) },
        { label: t('office.admin.field.responsibility'), value: (o) => o.responsibility },
        { label: t('office.admin.field.email'), value: (o) => o.email ?? '—' },
      ]}
      name={(o) => o.id}
      deleteUrl={(o) => `/api/admin/organisations/${o.id}`}
      form={(record, done, cancel) => <OrganisationForm record={record} city={city} done={done} cancel={cancel} />}
    />
  )
}
