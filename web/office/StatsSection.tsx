import { useTranslation } from 'react-i18next'
import { CityListSchema } from '../api-client/index.ts'
import { InternalStats } from '../dashboard/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldSelect, useOfficeQuery } from './shared/index.ts'

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
