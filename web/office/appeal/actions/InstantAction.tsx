import { useTranslation } from 'react-i18next'
import { actOnAppeal } from '../../../api-client/index.ts'
import { ActionForm, useApiWrite } from '../../shared/index.ts'
import type { ActionProps } from './action-props.ts'

/** An action without input, as one button: register a new appeal, or take it to work on. */
export function InstantAction({ action, appeal, onUpdated }: ActionProps & { action: 'register' | 'take' }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const send = async () => {
    const next = await write.run(() => actOnAppeal(appeal.number, action, {}))
    if (next) onUpdated(next, t(`office.done.${action}`))
  }
  return (
    <div className="office-action office-action--instant">
      <p className="field-hint">{t(`office.action.${action}.hint`)}</p>
      <ActionForm write={write} submitLabel={t(`office.action.${action}.title`)} onSubmit={() => void send()} />
    </div>
  )
}
