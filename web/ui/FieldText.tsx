import { useId, type InputHTMLAttributes } from 'react'
import { errorAttributes, InputError } from './InputError.tsx'

/** Props of {@link FieldText}: the label, hint and error, and the input's own attributes. */
export interface FieldTextProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'> {
  label: string
  value: string
  onChange(value: string): void
  /** The message for this field (the API's or the form's), announced with it. */
  error?: string | undefined
  hint?: string | undefined
  /** A textarea of this many rows instead of a one-line input. */
  rows?: number
}

/** A labelled text input (or textarea) with its hint and error, tied together by `aria-describedby`. */
export function FieldText({ label, value, onChange, error, hint, rows, ...input }: FieldTextProps) {
  const id = useId()
  const hintId = hint ? `${id}-hint` : undefined
  const attributes = { id, value, required: input.required, ...errorAttributes(`${id}-error`, error, hintId) }
  return (
    <div className="field-stack">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {rows ? (
        <textarea {...attributes} rows={rows} maxLength={input.maxLength} onChange={(event) => onChange(event.currentTarget.value)} />
      ) : (
        <input {...input} {...attributes} onChange={(event) => onChange(event.currentTarget.value)} />
      )}
      <InputError id={`${id}-error`} message={error} />
    </div>
  )
}
