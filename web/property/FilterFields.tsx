import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AREA_UNITS, parseAreaInput, showAreaInput, type AreaUnit } from './property-format.ts'

/** A set of checkboxes whose checked values the API takes separated by commas (`kind=land,premises`); none checked is no filter. */
export function FieldChoices({ legend, name, options, value, labelOf, onChange }: { legend: string; name: string; options: readonly string[]; value: string | undefined; labelOf(option: string): string; onChange(value: string | undefined): void }) {
  const chosen = new Set(value ? value.split(',') : [])
  const toggle = (option: string, on: boolean) => {
    const next = options.filter((o) => (o === option ? on : chosen.has(o)))
    onChange(next.length === 0 ? undefined : next.join(','))
  }
  return (
    <fieldset className="property-filter property-filter--choices" data-filter={name}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option}>
          <input type="checkbox" name={name} value={option} checked={chosen.has(option)} onChange={(e) => toggle(option, e.currentTarget.checked)} /> {labelOf(option)}
        </label>
      ))}
    </fieldset>
  )
}

/** A labelled select whose first option is "any" (no filter). */
export function FieldChoice({ label, name, options, value, onChange }: { label: string; name: string; options: ReadonlyArray<{ value: string; label: string }>; value: string | undefined; onChange(value: string | undefined): void }) {
  const { t } = useTranslation()
  const id = useId()
  return (
    <div className="field property-filter" data-filter={name}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)}>
        <option value="">{t('property.filters.any')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * A text filter applied when the visitor leaves the field or presses Enter (the form's submit),
 * so a half-typed value never reaches the URL; `read` turns the text into the API's value, or
 * says why it cannot (shown under the field).
 */
export function FieldTyped({ label, name, value, hint, inputMode, read, show, onChange }: { label: string; name: string; value: string | undefined; hint?: string; inputMode?: 'decimal' | 'numeric' | 'search'; read(text: string): { value: string | undefined } | { error: string }; show(value: string | undefined): string; onChange(value: string | undefined): void }) {
  const id = useId()
  const [text, setText] = useState(() => show(value))
  const [error, setError] = useState<string>()
  // A new value from the URL (Back, another control) replaces what is typed.
  const [shown, setShown] = useState(value)
  if (shown !== value) {
    setShown(value)
    setText(show(value))
    setError(undefined)
  }
  const commit = () => {
    const result = read(text)
    if ('error' in result) return setError(result.error)
    setError(undefined)
    if (result.value !== value) onChange(result.value)
  }
  return (
    <div className="field-stack property-filter" data-filter={name}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type="text"
        inputMode={inputMode}
        value={text}
        aria-describedby={[hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim() || undefined}
        aria-invalid={error ? true : undefined}
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            commit()
          }
        }}
      />
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}

/** Props of {@link FieldAreaRange}. */
export interface FieldAreaRangeProps {
  /** Square metres, as the URL and the API have them. */
  min: string | undefined
  max: string | undefined
  unit: AreaUnit
  onUnitChange(unit: AreaUnit): void
  onChange(range: { area_min: string | undefined; area_max: string | undefined }): void
}

/** The area range, typed in hectares or square metres as the investor prefers (the unit shown in each label); sent in square metres. */
export function FieldAreaRange({ min, max, unit, onUnitChange, onChange }: FieldAreaRangeProps) {
  const { t } = useTranslation()
  const id = useId()
  const unitWord = t(`property.units.${unit}`)
  const read = (text: string): { value: string | undefined } | { error: string } => {
    const metres = parseAreaInput(text, unit)
    if (metres === undefined) return { value: undefined }
    return Number.isNaN(metres) ? { error: t('property.filters.areaInvalid') } : { value: String(metres) }
  }
  const show = (value: string | undefined) => showAreaInput(value, unit)
  return (
    <fieldset className="property-filter property-filter--area" data-filter="area">
      <legend>{t('property.filters.area')}</legend>
      <div className="property-filter__units" role="radiogroup" aria-label={t('property.filters.areaUnit')}>
        {AREA_UNITS.map((u) => (
          <label key={u}>
            <input type="radio" name={`${id}-unit`} value={u} checked={unit === u} onChange={() => onUnitChange(u)} /> {t(`property.units.${u}`)}
          </label>
        ))}
      </div>
      <div className="property-filter__range">
        <FieldTyped key={`min-${unit}`} label={t('property.filters.areaMin', { unit: unitWord })} name="area_min" inputMode="decimal" value={min} read={read} show={show} onChange={(v) => onChange({ area_min: v, area_max: max })} />
        <FieldTyped key={`max-${unit}`} label={t('property.filters.areaMax', { unit: unitWord })} name="area_max" inputMode="decimal" value={max} read={read} show={show} onChange={(v) => onChange({ area_min: min, area_max: v })} />
      </div>
    </fieldset>
  )
}
