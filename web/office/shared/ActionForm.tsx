import { useEffect, useRef, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ApiWrite } from './use-api-write.ts'
import { FormProblem } from './FormProblem.tsx'

/** Props of {@link ActionForm}. */
export interface ActionFormProps {
  write: ApiWrite
  submitLabel: string
  onSubmit(): void
  children?: ReactNode
  /** Styles the submit button as a destructive action (reject, delete). */
  danger?: boolean
  /** Adds a "Cancel" button that calls this. */
  onCancel?(): void
}

/**
 * A form that sends one write: its fields, the API's refusal and the submit button. After a
 * refusal focus goes to the first invalid field, or to the refusal when no field is named, so
 * keyboard and screen reader users land where the fix is.
 */
export function ActionForm({ write, submitLabel, onSubmit, children, danger, onCancel }: ActionFormProps) {
  const { t } = useTranslation()
  const form = useRef<HTMLFormElement>(null)
  const alert = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!write.problem) return
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')
    ;(invalid ?? alert.current)?.focus()
  }, [write.problem])
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!write.pending) onSubmit()
  }
  return (
    <form ref={form} className="office-form" onSubmit={submit} noValidate>
      {children}
      <FormProblem ref={alert} problem={write.problem} />
      <button type="submit" className={`button button--small${danger ? ' button--danger' : ''}`} aria-disabled={write.pending} data-disabled={write.pending}>
        {submitLabel}
      </button>
      {onCancel && (
        <button type="button" className="button button--small button--secondary" onClick={onCancel}>
          {t('office.form.cancel')}
        </button>
      )}
    </form>
  )
}
