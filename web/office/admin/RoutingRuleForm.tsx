import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppealCategoryListSchema, DistrictListSchema, type RoutingRule } from '../../api-client/index.ts'
import { useApiResource } from '../../hooks/index.ts'
import { pickText } from '../../i18n/index.ts'
import type { Language } from '../../url-state/index.ts'
import { ActionForm, FieldSelect, type SelectOption, useApiWrite } from '../shared/index.ts'
import { saveAdminRecord } from './admin-api.ts'
import type { AdminFormProps } from './admin-form-props.ts'

/** Props of {@link RoutingRuleForm}. */
export interface RoutingRuleFormProps extends AdminFormProps<RoutingRule> {
  organisations: readonly SelectOption[]
  language: Language
}

/**
 * Creates a rule (category × district, or the whole city → organisation) or changes the
 * organisation of one; a rule for another place is a new rule.
 */
export function RoutingRuleForm({ record, city, organisations, language, done, cancel }: RoutingRuleFormProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const categories = useApiResource('/api/appeal-categories', AppealCategoryListSchema)
  const districts = useApiResource(`/api/cities/${encodeURIComponent(city)}/districts`, DistrictListSchema)
  const [category, setCategory] = useState(record?.category ?? '')
  const [district, setDistrict] = useState(record?.district == null ? '' : String(record.district))
  const [organisation, setOrganisation] = useState(record?.organisation ?? '')
  const save = async () => {
    const saved = await write.run(async () => {
      if (record) await saveAdminRecord(`/api/admin/routing-rules/${record.id}`, 'PATCH', { organisation })
      else await saveAdminRecord('/api/admin/routing-rules', 'POST', { city, category, district: district === '' ? null : Number(district), organisation })
      return true
    })
    if (saved) done(t('office.admin.ruleSaved'))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.admin.save')} onSubmit={() => void save()} onCancel={cancel}>
      {!record && (
        <>
          <FieldSelect
            label={t('office.fields.category')}
            value={category}
            empty={t('office.fields.choose')}
            options={categories.status === 'ready' ? categories.data.map((c) => ({ value: c.id, label: pickText(c.name, language) })) : []}
            onChange={setCategory}
            error={write.fieldError('category')}
            required
          />
          <FieldSelect
            label={t('office.admin.field.district')}
            value={district}
            empty={t('office.admin.field.wholeCity')}
            options={districts.status === 'ready' ? districts.data.map((d) => ({ value: String(d.id), label: d.name })) : []}
            onChange={setDistrict}
            error={write.fieldError('district')}
          />
        </>
      )}
      <FieldSelect label={t('office.fields.organisation')} value={organisation} empty={t('office.fields.choose')} options={organisations} onChange={setOrganisation} error={write.fieldError('organisation')} required />
    </ActionForm>
  )
}
