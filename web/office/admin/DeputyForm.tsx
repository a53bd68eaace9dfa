import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Deputy } from '../../api-client/index.ts'
import { ActionForm, useApiWrite } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'
import { saveAdminRecord } from './admin-api.ts'
import type { AdminFormProps } from './admin-form-props.ts'

const TEXT_FIELDS = ['name', 'faction', 'reception_address', 'reception_hours', 'email', 'phone'] as const
type TextField = (typeof TEXT_FIELDS)[number]

/** Creates or edits a deputy: the electoral district, name, faction and how residents reach them. Blank optional fields are cleared. */
export function DeputyForm({ record, city, done, cancel }: AdminFormProps<Deputy>) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [district, setDistrict] = useState(record ? String(record.district.number) : '')
  const [text, setText] = useState<Record<TextField, string>>(() => Object.fromEntries(TEXT_FIELDS.map((field) => [field, record?.[field] ?? ''])) as Record<TextField, string>)
  const save = async () => {
    const fields = {
      district_number: Number(district),
      name: text.name,
      ...Object.fromEntries(TEXT_FIELDS.filter((field) => field !== 'name').map((field) => [field, text[field].trim() || null])),
    }
    const saved = await write.run(async () => {
      await (record ? saveAdminRecord(`/api/deputies/${record.id}`, 'PATCH', fields) : saveAdminRecord('/api/deputies', 'POST', { city, ...fields }))
      return true
    })
    if (saved) done(t('office.admin.saved', { name: text.name }))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.admin.save')} onSubmit={() => void save()} onCancel={cancel}>
      <FieldText type="number" label={t('office.admin.field.districtNumber')} value={district} onChange={setDistrict} min={1} max={9999} step={1} required error={write.fieldError('district_number')} />
      {TEXT_FIELDS.map((field) => (
        <FieldText
          key={field}
          type={field === 'email' ? 'email' : field === 'phone' ? 'tel' : 'text'}
          label={t(`office.admin.field.deputy.${field}`)}
          value={text[field]}
          onChange={(value) => setText((current) => ({ ...current, [field]: value }))}
          required={field === 'name'}
          error={write.fieldError(field)}
        />
      ))}
    </ActionForm>
  )
}
