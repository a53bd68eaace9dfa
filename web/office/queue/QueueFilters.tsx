import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { APPEAL_STATUSES, AppealCategoryListSchema, type AppealStatus, CityListSchema, OrganisationOptionListSchema } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { FieldSelect, type OfficeQuery } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'

/** The filters a queue takes from the URL. */
export type QueueFilterValues = Pick<OfficeQuery, 'city' | 'status' | 'category' | 'organisation' | 'q'>

/** Props of {@link QueueFilters}. */
export interface QueueFiltersProps {
  query: OfficeQuery
  language: Language
  /** Offer the organisation filter: only staff who see more than their own organisation need it. */
  organisations: boolean
  onApply(filters: QueueFilterValues): void
}

const orUndefined = (value: string) => (value === '' ? undefined : value)

/** The queue's filters: city, status, category, organisation and free text, applied together. */
export function QueueFilters({ query, language, organisations, onApply }: QueueFiltersProps) {
  const { t } = useTranslation()
  const [city, setCity] = useState(query.city ?? '')
  const [status, setStatus] = useState<string>(query.status ?? '')
  const [category, setCategory] = useState(query.category ?? '')
  const [organisation, setOrganisation] = useState(query.organisation ?? '')
  const [text, setText] = useState(query.q ?? '')
  const cities = useApiResource('/api/cities', CityListSchema)
  const categories = useApiResource('/api/appeal-categories', AppealCategoryListSchema)
  const organisationList = useApiResource(organisations && city ? `/api/office/organisations?city=${city}` : undefined, OrganisationOptionListSchema)
  const apply = (event: FormEvent) => {
    event.preventDefault()
    onApply({
      city: orUndefined(city),
      status: orUndefined(status) as AppealStatus | undefined,
      category: orUndefined(category),
      organisation: orUndefined(organisation),
      q: orUndefined(text.trim()),
    })
  }
  return (
    <form className="office-filters" role="search" aria-label={t('office.filters.label')} onSubmit={apply}>
      <FieldSelect
        label={t('office.filters.city')}
        value={city}
        empty={t('office.filters.any')}
        options={cities.status === 'ready' ? cities.data.map((c) => ({ value: c.id, label: pickText(c.name, language) })) : []}
        onChange={(value) => {
          setCity(value)
          setOrganisation('')
        }}
      />
      <FieldSelect
        label={t('office.filters.status')}
        value={status}
        empty={t('office.filters.any')}
        options={APPEAL_STATUSES.map((s) => ({ value: s, label: t(`appealStatus.${s}`) }))}
        onChange={setStatus}
      />
      <FieldSelect
        label={t('office.filters.category')}
        value={category}
        empty={t('office.filters.any')}
        options={categories.status === 'ready' ? categories.data.map((c) => ({ value: c.id, label: pickText(c.name, language) })) : []}
        onChange={setCategory}
      />
      {organisations && (
        <FieldSelect
          label={t('office.filters.organisation')}
          value={organisation}
          empty={city ? t('office.filters.any') : t('office.filters.cityFirst')}
          options={organisationList.status === 'ready' ? organisationList.data.items.map((o) => ({ value: o.id, label: pickText(o.name, language) })) : []}
          onChange={setOrganisation}
        />
      )}
      <FieldText type="search" label={t('office.filters.text')} value={text} onChange={setText} maxLength={200} />
      <button type="submit" className="button button--small">
        {t('office.filters.apply')}
      </button>
    </form>
  )
}
