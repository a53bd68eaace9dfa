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
  /** Where the list comes from: the office's (for appeals), or the planning cabinet's (for a layer's owner). */
  source?: '/api/office/organisations' | '/api/planning/organisations'
  /** The field's label; the office's by default. */
  label?: string
}

/** A pick of one of the city's organisations (`GET /api/office/organisations`), with its kind. */
export function FieldOrganisation({ city, language, value, onChange, error, empty, source = '/api/office/organisations', label }: FieldOrganisationProps) {
  const { t } = useTranslation()
  const list = useApiResource(`${source}?city=${encodeURIComponent(city)}`, OrganisationOptionListSchema)
  const options = list.status === 'ready' ? list.data.items.map((o) => ({ value: o.id, label: `${pickText(o.name, language)} (${t(`office.kind.${o.kind}`)})` })) : []
  return (
    <FieldSelect
      label={label ?? t('office.fields.organisation')}
      value={value}
      options={options}
      onChange={onChange}
      empty={empty ?? (value === '' ? t('office.fields.choose') : undefined)}
      error={error ?? (list.status === 'failed' ? (list.problem.detail ?? list.problem.title) : undefined)}
      required={empty === undefined}
    />
  )
}
