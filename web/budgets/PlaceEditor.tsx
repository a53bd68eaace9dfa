import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BudgetProposal } from './budget-api.ts'
import { BudgetMap } from './BudgetMap.tsx'
import { parseCorners, type DrawnPlace, type LonLat } from './place-drawing.ts'

/** Props of {@link PlaceEditor}. */
export interface PlaceEditorProps {
  cityId: string
  /** The edition's other proposals, drawn for reference. */
  others: readonly BudgetProposal[]
  place: DrawnPlace
  onPlace(place: DrawnPlace): void
  /** The API's message about the place. */
  error: string | undefined
}

/**
 * Marks a proposal's place: a point put by a tap, or an area drawn by tapping its corners, then
 * closing it (with undo and start again); or, without a pointer, corners typed as coordinates.
 */
export function PlaceEditor({ cityId, others, place, onPlace, error }: PlaceEditorProps) {
  const { t } = useTranslation()
  const id = useId()
  const [mode, setMode] = useState<'point' | 'area'>(place.kind === 'area' ? 'area' : 'point')
  const [typed, setTyped] = useState('')
  const [typedError, setTypedError] = useState<string>()
  const tap = (at: LonLat) => {
    if (mode === 'point') return onPlace({ kind: 'point', at })
    // A tap after the area is closed starts a new one.
    const corners = place.kind === 'area' && !place.closed ? place.corners : []
    onPlace({ kind: 'area', corners: [...corners, at], closed: false })
  }
  const switchMode = (next: 'point' | 'area') => {
    setMode(next)
    onPlace({ kind: 'none' })
  }
  const applyTyped = () => {
    const parsed = parseCorners(typed)
    if ('badLine' in parsed) return setTypedError(t('budgets.propose.typedBad', { line: parsed.badLine }))
    if (mode === 'area' && parsed.corners.length < 3) return setTypedError(t('budgets.propose.typedCount'))
    if (parsed.corners.length === 0) return setTypedError(t('budgets.propose.typedBad', { line: 1 }))
    setTypedError(undefined)
    onPlace(mode === 'point' ? { kind: 'point', at: parsed.corners[0]! } : { kind: 'area', corners: parsed.corners, closed: true })
  }
  const corners = place.kind === 'area' ? place.corners : []
  return (
    <div className="budget-place">
      <fieldset className="budget-choices">
        <legend>{t('budgets.propose.mode')}</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'point'} onChange={() => switchMode('point')} /> {t('budgets.propose.modePoint')}
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'area'} onChange={() => switchMode('area')} /> {t('budgets.propose.modeArea')}
        </label>
      </fieldset>
      <p className="field-hint">{mode === 'point' ? t('budgets.propose.howPoint') : t('budgets.propose.howArea')}</p>
      <BudgetMap cityId={cityId} proposals={others} draft={place} onPick={tap} label={t('budgets.propose.mapLabel')} className="budget-place__map" />
      <p className="budget-place__state" aria-live="polite" data-place={place.kind === 'area' ? `area:${corners.length}${place.closed ? ':closed' : ''}` : place.kind}>
        {place.kind === 'none' && t('budgets.propose.noPlace')}
        {place.kind === 'point' && t('budgets.propose.placePoint', { lat: place.at[1].toFixed(5), lon: place.at[0].toFixed(5) })}
        {place.kind === 'area' && `${t('budgets.propose.placeArea', { count: corners.length })}${place.closed ? ` (${t('budgets.propose.placeClosed')})` : ''}`}
      </p>
      {mode === 'area' && (
        <div className="button-row">
          <button type="button" className="button button--small" disabled={place.kind !== 'area' || place.closed || corners.length < 3} onClick={() => onPlace({ kind: 'area', corners, closed: true })}>
            {t('budgets.propose.close')}
          </button>
          <button type="button" className="button button--small button--secondary" disabled={corners.length === 0} onClick={() => onPlace({ kind: 'area', corners: corners.slice(0, -1), closed: false })}>
            {t('budgets.propose.undo')}
          </button>
          <button type="button" className="button button--small button--secondary" disabled={place.kind === 'none'} onClick={() => onPlace({ kind: 'none' })}>
            {t('budgets.propose.clear')}
          </button>
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <details className="budget-place__typed">
        <summary>{t('budgets.propose.typed')}</summary>
        <div className="field-stack">
          <label htmlFor={`${id}-typed`}>{t('budgets.propose.typed')}</label>
          <p id={`${id}-typed-hint`} className="field-hint">
            {t('budgets.propose.typedHint')}
          </p>
          <textarea id={`${id}-typed`} rows={4} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} aria-describedby={`${id}-typed-hint`} aria-invalid={typedError ? true : undefined} />
          {typedError && (
            <p className="field-error" role="alert">
              {typedError}
            </p>
          )}
        </div>
        <button type="button" className="button button--small button--secondary" onClick={applyTyped}>
          {t('budgets.propose.typedApply')}
        </button>
      </details>
    </div>
  )
}
