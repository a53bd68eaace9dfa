import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { MAX_TERM_DAYS } from '../../../../api/contract/index.ts'
import { actOnAppeal } from '../../../api-client/index.ts'
import { formatDay } from '../../../appeals/index.ts'
import { ActionForm, addDays, kyivDate, useApiWrite } from '../../shared/index.ts'
import { FieldText } from '../../../ui/index.ts'
import type { ActionProps } from './action-props.ts'

/** Asks for the one extension the law allows, up to 45 days after filing; the resident is told the reason. */
export function ExtendForm({ appeal, language, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const latest = kyivDate(addDays(appeal.created_at, MAX_TERM_DAYS))
  const earliest = kyivDate(addDays(appeal.due_at, 1))
  const [dueAt, setDueAt] = useState(latest)
  const [reason, setReason] = useState('')
  const send = async () => {
    const next = await write.run(() => actOnAppeal(appeal.number, 'extend', { due_at: dueAt, reason }))
    if (next) onUpdated(next, t('office.done.extend', { date: formatDay(next.due_at, language) }))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.extend.submit')} onSubmit={() => void send()}>
      <FieldText
        type="date"
        label={t('office.fields.newDue')}
        hint={t('office.action.extend.dateHint', { latest: formatDay(addDays(appeal.created_at, MAX_TERM_DAYS), language) })}
        value={dueAt}
        onChange={setDueAt}
        required
        min={earliest} max={latest}
        error={write.fieldError('due_at')}
      />
      <FieldText label={t('office.fields.reason')} hint={t('office.fields.publicHint')} value={reason} onChange={setReason} rows={3} required error={write.fieldError('reason')} />
    </ActionForm>
  )
}
