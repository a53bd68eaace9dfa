import { useTranslation } from 'react-i18next'
import { OrganisationOptionListSchema } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { FieldSelect } from './FieldSelect.tsx'

/** Props of {@link FieldOrganisation}. */
export interface FieldOrganisationProps {
  city: string
  language: Language
  value: string
  onChange(id: string): void
  error?: string | undefined
  /** The label of the empty choice; without it one must be picked. */
  empty?: string
}

/** A pick of one of the city's organisations (`GET /api/office/organisations`), with its kind. */
export function FieldOrganisation({ city, language, value, onChange, error, empty }: FieldOrganisationProps) {
  const { t } = useTranslation()
  const list = useApiResource(`/api/office/organisations?city=${encodeURIComponent(city)}`, OrganisationOptionListSchema)
  const options = list.status === 'ready' ? list.data.items.map((o) => ({ value: o.id, label: `${pickText(o.name, language)} (${t(`office.kind.${o.kind}`)})` })) : []
  return (
    <FieldSelect
      label={t('office.fields.organisation')}
      value={value}
      options={options}
      onChange={onChange}
      empty={empty ?? (value === '' ? t('office.fields.choose') : undefined)}
      error={error ?? (list.status === 'failed' ? (list.problem.detail ?? list.problem.title) : undefined)}
      required
    />
  )
}
