import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfficeAction } from '../../api-client/office-schemas.ts'
import type { ActionProps } from './actions/action-props.ts'
import { ExtendForm } from './actions/ExtendForm.tsx'
import { InstantAction } from './actions/InstantAction.tsx'
import { MergeForm } from './actions/MergeForm.tsx'
import { ReassignForm } from './actions/ReassignForm.tsx'
import { RecategoriseForm } from './actions/RecategoriseForm.tsx'
import { RedactForm } from './actions/RedactForm.tsx'
import { RejectForm } from './actions/RejectForm.tsx'
import { RouteForm } from './actions/RouteForm.tsx'
import { StatusForm } from './actions/StatusForm.tsx'
import { WorkPhotosForm } from './actions/WorkPhotosForm.tsx'

// Notes have their own section beside the timeline; register and take need no input.
const FORMS: Partial<Record<OfficeAction, ComponentType<ActionProps>>> = {
  route: RouteForm,
  recategorise: RecategoriseForm,
  merge: MergeForm,
  reject: RejectForm,
  redact: RedactForm,
  status: StatusForm,
  extend: ExtendForm,
  'work-photos': WorkPhotosForm,
  reassign: ReassignForm,
}

/**
 * The actions the API allows this user on this appeal now, and only those: one-click actions as
 * buttons, the others as forms that open one at a time under their names.
 */
export function AppealActions(props: ActionProps) {
  const { t } = useTranslation()
  const allowed = props.appeal.allowed_actions
  const instant = allowed.filter((action): action is 'register' | 'take' => action === 'register' || action === 'take')
  const forms = allowed.flatMap((action) => {
    const Form = FORMS[action]
    return Form ? [{ action, Form }] : []
  })
  return (
    <section className="office-actions" aria-labelledby="appeal-actions-heading">
      <h2 id="appeal-actions-heading">{t('office.actions.heading')}</h2>
      {instant.length === 0 && forms.length === 0 && <p>{t('office.actions.none')}</p>}
      {instant.map((action) => (
        <InstantAction key={action} action={action} {...props} />
      ))}
      {forms.map(({ action, Form }) => (
        <details key={action} className="office-action">
          <summary>{t(`office.action.${action}.title`)}</summary>
          <Form {...props} />
        </details>
      ))}
    </section>
  )
}
