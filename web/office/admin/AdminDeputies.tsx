import { useTranslation } from 'react-i18next'
import { DeputyListSchema } from '../../api-client/index.ts'
import { AdminCollection } from './AdminCollection.tsx'
import { DeputyForm } from './DeputyForm.tsx'

/** The deputies of a city's electoral districts, with their receptions. */
export function AdminDeputies({ city }: { city: string }) {
  const { t } = useTranslation()
  return (
    <AdminCollection
      heading={t('office.admin.tab.deputies')}
      url={`/api/deputies?city=${encodeURIComponent(city)}`}
      schema={DeputyListSchema}
      columns={[
        { label: t('office.admin.field.districtNumber'), value: (d) => String(d.district.number) },
        { label: t('office.admin.field.deputy.name'), value: (d) => d.name },
        { label: t('office.admin.field.deputy.faction'), value: (d) => d.faction ?? '—' },
        { label: t('office.admin.field.deputy.reception_address'), value: (d) => d.reception_address ?? '—' },
      ]}
      name={(d) => `${d.name} (${d.district.number})`}
      deleteUrl={(d) => `/api/deputies/${d.id}`}
      form={(record, done, cancel) => <DeputyForm record={record} city={city} done={done} cancel={cancel} />}
    />
  )
}
