import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ORGANISATION_ROLES } from '../../../api/contract/index.ts'
import { ROLES, type Role } from '../../api-client/index.ts'
import { InputError } from '../../ui/index.ts'

/** A role given to a user; `organisation` is `''` for roles that act for none. */
export interface RoleGrant {
  role: Role
  organisation: string
}


/** Props of {@link FieldRoles}. */
export interface FieldRolesProps {
  value: readonly RoleGrant[]
  organisations: readonly { value: string; label: string }[]
  onChange(value: RoleGrant[]): void
  error?: string | undefined
}

/** The roles of a user as checkboxes; executor and manager each come with a pick of their organisation. */
export function FieldRoles({ value, organisations, onChange, error }: FieldRolesProps) {
  const { t } = useTranslation()
  const id = useId()
  const grantOf = (role: Role) => value.find((grant) => grant.role === role)
  const toggle = (role: Role, on: boolean) => onChange(on ? [...value, { role, organisation: '' }] : value.filter((grant) => grant.role !== role))
  const place = (role: Role, organisation: string) => onChange(value.map((grant) => (grant.role === role ? { ...grant, organisation } : grant)))
  return (
    <fieldset className="field-stack field-roles" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('office.admin.field.roles')}</legend>
      {ROLES.map((role) => {
        const grant = grantOf(role)
        return (
          <div key={role} className="field-roles__row">
            <label className="choice">
              <input type="checkbox" checked={grant !== undefined} onChange={(event) => toggle(role, event.target.checked)} />
              {t(`office.role.${role}`)}
            </label>
            {grant && ORGANISATION_ROLES.has(role) && (
              <select
                aria-label={t('office.admin.field.roleOrganisation', { role: t(`office.role.${role}`) })}
                value={grant.organisation}
                onChange={(event) => place(role, event.target.value)}
              >
                <option value="">{t('office.fields.choose')}</option>
                {organisations.map((organisation) => (
                  <option key={organisation.value} value={organisation.value}>
                    {organisation.label}
                  </option>
                ))}
              </select>
            )}
          </div>
        )
      })}
      <InputError id={`${id}-error`} message={error} />
    </fieldset>
  )
}
