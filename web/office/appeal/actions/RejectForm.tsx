import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal } from '../../../api-client/index.ts'
import { ActionForm, useApiWrite } from '../../shared/index.ts'
import { FieldText } from '../../../ui/index.ts'
import type { ActionProps } from './action-props.ts'

/** Rejects the appeal with a reason, and optionally a public response to the resident. */
export function RejectForm({ appeal, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [reason, setReason] = useState('')
  const [response, setResponse] = useState('')
  const send = async () => {
    const body = response.trim() === '' ? { reason } : { reason, response }
    const next = await write.run(() => actOnAppeal(appeal.number, 'reject', body))
    if (next) onUpdated(next, t('office.done.reject'))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.reject.submit')} onSubmit={() => void send()} danger>
      <FieldText label={t('office.fields.reason')} hint={t('office.action.reject.reasonHint')} value={reason} onChange={setReason} rows={3} required error={write.fieldError('reason')} />
      <FieldText label={t('office.fields.publicResponseOptional')} hint={t('office.fields.publicHint')} value={response} onChange={setResponse} rows={3} error={write.fieldError('response')} />
    </ActionForm>
  )
}
