import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ORGANISATION_KINDS, type AdminOrganisation } from '../../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'
import { saveAdminRecord } from './admin-api.ts'
import type { AdminFormProps } from './admin-form-props.ts'

/** Creates or edits an organisation: its kind, what it answers for, its names and e-mail. The id and city are fixed once made. */
export function OrganisationForm({ record, city, done, cancel }: AdminFormProps<AdminOrganisation>) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [id, setId] = useState(record?.id ?? '')
  const [kind, setKind] = useState<string>(record?.kind ?? 'department')
  const [responsibility, setResponsibility] = useState(record?.responsibility ?? '')
  const [nameUk, setNameUk] = useState(record?.name.uk ?? '')
  const [nameEn, setNameEn] = useState(record?.name.en ?? '')
  const [email, setEmail] = useState(record?.email ?? '')
  const save = async () => {
    const fields = { kind, responsibility, name: { uk: nameUk, en: nameEn } }
    const saved = await write.run(async () => {
      if (record) await saveAdminRecord(`/api/admin/organisations/${record.id}`, 'PATCH', { ...fields, email: email.trim() || null })
      else await saveAdminRecord('/api/admin/organisations', 'POST', { id, city, ...fields, ...(email.trim() ? { email: email.trim() } : {}) })
      return true
    })
    if (saved) done(t('office.admin.saved', { name: nameUk || id }))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.admin.save')} onSubmit={() => void save()} onCancel={cancel}>
      {!record && <FieldText label={t('office.admin.field.id')} hint={t('office.admin.field.slugHint')} value={id} onChange={setId} required error={write.fieldError('id')} />}
      <FieldSelect label={t('office.admin.field.kind')} value={kind} options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`office.kind.${k}`) }))} onChange={setKind} error={write.fieldError('kind')} />
      <FieldText label={t('office.admin.field.responsibility')} hint={t('office.admin.field.responsibilityHint')} value={responsibility} onChange={setResponsibility} required error={write.fieldError('responsibility')} />
      <FieldText label={t('office.admin.field.nameUk')} value={nameUk} onChange={setNameUk} required error={write.fieldError('name.uk')} />
      <FieldText label={t('office.admin.field.nameEn')} value={nameEn} onChange={setNameEn} required error={write.fieldError('name.en')} />
      <FieldText type="email" label={t('office.admin.field.email')} value={email} onChange={setEmail} error={write.fieldError('email')} />
    </ActionForm>
  )
}
