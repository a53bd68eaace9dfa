import { useId } from 'react'
import { errorAttributes, InputError } from '../../ui/index.ts'

/** One choice of a {@link FieldSelect}. */
export interface SelectOption {
  value: string
  label: string
}

/** Props of {@link FieldSelect}. */
export interface FieldSelectProps {
  label: string
  value: string
  options: readonly SelectOption[]
  onChange(value: string): void
  /** The label of an empty first choice (`''`); without it a value must be picked. */
  empty?: string
  error?: string | undefined
  required?: boolean
}

/** A labelled drop-down with the API's error for it. */
export function FieldSelect({ label, value, options, onChange, empty, error, required }: FieldSelectProps) {
  const id = useId()
  return (
    <div className="field-stack">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} required={required} onChange={(event) => onChange(event.target.value)} {...errorAttributes(`${id}-error`, error)}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <InputError id={`${id}-error`} message={error} />
    </div>
  )
}
