import type { ComponentType } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfficeAction } from '../../api-client/index.ts'
import { type ActionProps, ExtendForm, InstantAction, MergeForm, ReassignForm, RecategoriseForm, RedactForm, RejectForm, RouteForm, StatusForm, WorkPhotosForm } from './actions/index.ts'

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
