import { useTranslation } from 'react-i18next'
import { CityListSchema } from '../api-client/api-schemas.ts'
import { InternalStats } from '../dashboard/InternalStats.tsx'
import { useApiResource } from '../hooks/use-api-resource.ts'
import { pickText } from '../i18n/i18n.ts'
import type { Language } from '../url-state.ts'
import { FieldSelect } from './FieldSelect.tsx'
import { useOfficeQuery } from './use-office-query.ts'

/** `/office/stats`: the internal figures of a city, per organisation and per executor (with their CSV). */
export function StatsSection({ language }: { language: Language }) {
  const { t } = useTranslation()
  const { query, update } = useOfficeQuery()
  const cities = useApiResource('/api/cities', CityListSchema)
  const city = query.city ?? (cities.status === 'ready' ? cities.data[0]?.id : undefined)
  return (
    <>
      <h1>{t('office.section.stats')}</h1>
      <FieldSelect
        label={t('office.filters.city')}
        value={city ?? ''}
        options={cities.status === 'ready' ? cities.data.map((c) => ({ value: c.id, label: pickText(c.name, language) })) : []}
        onChange={(value) => update({ city: value })}
      />
      <p>{t('office.stats.about')}</p>
      {city && <InternalStats cityId={city} language={language} />}
    </>
  )
}
