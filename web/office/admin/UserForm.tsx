import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type AdminUser, type Role, ROLES } from '../../api-client/index.ts'
import { ActionForm, useApiWrite } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'
import { saveAdminRecord } from './admin-api.ts'
import type { AdminFormProps } from './admin-form-props.ts'
import { FieldRoles, type RoleGrant } from './FieldRoles.tsx'

/** Props of {@link UserForm}: a user form also needs the organisations staff roles act for. */
export interface UserFormProps extends AdminFormProps<AdminUser> {
  organisations: readonly { value: string; label: string }[]
}

const ORDER = new Map<Role, number>(ROLES.map((role, index) => [role, index]))

/**
 * Creates an account or edits one: name, roles (executors and managers with their
 * organisation) and optionally a new password. The e-mail is fixed once the account exists.
 */
export function UserForm({ record, organisations, done, cancel }: UserFormProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [email, setEmail] = useState(record?.email ?? '')
  const [name, setName] = useState(record?.name ?? '')
  const [password, setPassword] = useState('')
  const [roles, setRoles] = useState<RoleGrant[]>(record?.roles.map((grant) => ({ role: grant.role, organisation: grant.organisation ?? '' })) ?? [])
  const save = async () => {
    const grants = [...roles]
      .sort((a, b) => ORDER.get(a.role)! - ORDER.get(b.role)!)
      .map((grant) => (grant.organisation ? { role: grant.role, organisation: grant.organisation } : { role: grant.role }))
    const withPassword = password === '' ? {} : { password }
    const saved = await write.run(async () => {
      if (record) await saveAdminRecord(`/api/admin/users/${record.id}`, 'PATCH', { name, roles: grants, ...withPassword })
      else await saveAdminRecord('/api/admin/users', 'POST', { email, name, roles: grants, ...withPassword })
      return true
    })
    if (saved) done(t('office.admin.saved', { name: name || email }))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.admin.save')} onSubmit={() => void save()} onCancel={cancel}>
      {!record && <FieldText type="email" label={t('office.admin.field.email')} value={email} onChange={setEmail} required error={write.fieldError('email')} autoComplete='off' />}
      <FieldText label={t('office.admin.field.name')} value={name} onChange={setName} error={write.fieldError('name')} />
      <FieldRoles value={roles} organisations={organisations} onChange={setRoles} error={write.fieldError('roles')} />
      <FieldText
        type="password"
        label={record ? t('office.admin.field.newPassword') : t('office.admin.field.password')}
        hint={t('office.admin.field.passwordHint')}
        value={password}
        onChange={setPassword}
        error={write.fieldError('password')}
        autoComplete='new-password'
      />
    </ActionForm>
  )
}
