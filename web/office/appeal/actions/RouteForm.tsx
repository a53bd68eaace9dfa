import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal } from '../../../api-client/index.ts'
import { ActionForm, FieldOrganisation, useApiWrite } from '../../shared/index.ts'
import type { ActionProps } from './action-props.ts'

/** Sends the appeal to the organisation that answers for it. */
export function RouteForm({ appeal, language, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [organisation, setOrganisation] = useState(appeal.organisation?.id ?? '')
  const send = async () => {
    const next = await write.run(() => actOnAppeal(appeal.number, 'route', { organisation }))
    if (next) onUpdated(next, t('office.done.route'))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.route.submit')} onSubmit={() => void send()}>
      <FieldOrganisation city={appeal.city} language={language} value={organisation} onChange={setOrganisation} error={write.fieldError('organisation')} />
    </ActionForm>
  )
}
