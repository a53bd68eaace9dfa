import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal } from '../../../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../../shared/index.ts'
import { FieldText } from '../../../ui/index.ts'
import type { ActionProps } from './action-props.ts'

type WorkStatus = 'in_progress' | 'resolved'

/** Moves the appeal into work or resolves it; the response is public and required to resolve. */
export function StatusForm({ appeal, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [status, setStatus] = useState<WorkStatus>(appeal.status === 'in_progress' || appeal.status === 'extended' ? 'resolved' : 'in_progress')
  const [response, setResponse] = useState('')
  const send = async () => {
    // An empty response is left out: the API refuses empty text, and it is optional except to resolve.
    const body = response.trim() === '' ? { status } : { status, response }
    const next = await write.run(() => actOnAppeal(appeal.number, 'status', body))
    if (!next) return
    setResponse('')
    onUpdated(next, t(`office.done.status.${status}`))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.status.submit')} onSubmit={() => void send()}>
      <FieldSelect
        label={t('office.fields.newStatus')}
        value={status}
        options={(['in_progress', 'resolved'] as const).map((s) => ({ value: s, label: t(`appealStatus.${s}`) }))}
        onChange={(value) => setStatus(value as WorkStatus)}
        error={write.fieldError('status')}
      />
      <FieldText
        label={status === 'resolved' ? t('office.fields.publicResponse') : t('office.fields.publicResponseOptional')}
        hint={t('office.fields.publicHint')}
        value={response}
        onChange={setResponse}
        rows={4}
        required={status === 'resolved'}
        error={write.fieldError('response')}
      />
    </ActionForm>
  )
}
