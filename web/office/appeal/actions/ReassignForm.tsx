import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type OfficeActionBodies, reassignAppeal, StaffListSchema } from '../../../api-client/index.ts'
import { useApiResource } from '../../../hooks/index.ts'
import { ActionForm, FieldOrganisation, FieldSelect, useApiWrite } from '../../shared/index.ts'
import type { ActionProps } from './action-props.ts'

/**
 * Gives the appeal to another organisation, or to another executor of the organisation (or to
 * nobody, back to the organisation's queue). Only what changed is sent.
 */
export function ReassignForm({ appeal, language, onUpdated, onMovedOut }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [organisation, setOrganisation] = useState(appeal.organisation?.id ?? '')
  const [executor, setExecutor] = useState(appeal.executor ? String(appeal.executor.id) : '')
  const staff = useApiResource(organisation ? `/api/office/staff?organisation=${encodeURIComponent(organisation)}` : undefined, StaffListSchema)
  const people = staff.status === 'ready' ? staff.data.items : []
  const send = async () => {
    const body: OfficeActionBodies['reassign'] = {}
    if (organisation !== (appeal.organisation?.id ?? '')) body.organisation = organisation
    if (executor !== (appeal.executor ? String(appeal.executor.id) : '') || body.organisation) {
      // Ids go back as the API sent them (number or string).
      body.executor = people.find((person) => String(person.id) === executor)?.id ?? null
    }
    const next = await write.run(() => reassignAppeal(appeal.number, body))
    if (next && 'moved_out' in next) onMovedOut(t('office.done.reassignedOut'))
    else if (next) onUpdated(next, t('office.done.reassign'))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.reassign.submit')} onSubmit={() => void send()}>
      <FieldOrganisation
        city={appeal.city}
        language={language}
        value={organisation}
        onChange={(id) => {
          setOrganisation(id)
          setExecutor('')
        }}
        error={write.fieldError('organisation')}
      />
      <FieldSelect
        label={t('office.fields.executor')}
        value={executor}
        empty={t('office.appeal.nobody')}
        options={people.map((person) => ({ value: String(person.id), label: person.name }))}
        onChange={setExecutor}
        error={write.fieldError('executor')}
      />
    </ActionForm>
  )
}
