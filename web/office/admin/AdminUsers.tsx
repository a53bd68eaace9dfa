import { useTranslation } from 'react-i18next'
import { AdminUserPage, type AdminUser } from '../../api-client/index.ts'
import type { Language } from '../../url-state/index.ts'
import { AdminCollection } from './AdminCollection.tsx'
import { UserForm } from './UserForm.tsx'
import { useOrganisationOptions } from './use-organisation-options.ts'

/** The accounts: create, change roles (with organisation), reset the password, delete. */
export function AdminUsers({ language }: { language: Language }) {
  const { t } = useTranslation()
  const organisations = useOrganisationOptions(language)
  const roleText = (user: AdminUser) => user.roles.map((grant) => `${t(`office.role.${grant.role}`)}${grant.organisation ? ` (${grant.organisation})` : ''}`).join(', ')
  return (
    <AdminCollection
      heading={t('office.admin.tab.users')}
      url="/api/admin/users?limit=200"
      schema={AdminUserPage}
      columns={[
        { label: t('office.admin.field.email'), value: (user) => user.email },
        { label: t('office.admin.field.name'), value: (user) => user.name },
        { label: t('office.admin.field.roles'), value: roleText },
      ]}
      name={(user) => user.email}
      deleteUrl={(user) => `/api/admin/users/${user.id}`}
      form={(record, done, cancel) => <UserForm record={record} city="" organisations={organisations} done={done} cancel={cancel} />}
    />
  )
}
