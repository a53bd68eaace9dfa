import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppealPhoto, RedactionRegion } from '../../../api-client/index.ts'

/** Props of {@link PhotoRedactor}. */
export interface PhotoRedactorProps {
  photo: AppealPhoto
  /** The photo's position among the appeal's photos, from 1, for its name. */
  index: number
  regions: readonly RedactionRegion[]
  onChange(regions: RedactionRegion[]): void
}

// Boxes smaller than this (in fractions of the photo) are stray clicks, not redactions.
const MIN_SIZE = 0.01
// How far one arrow key press moves or resizes a box.
const STEP = 0.02

const clamp = (value: number) => Math.min(1, Math.max(0, value))

/** The box between two corners, in fractions of the photo. */
function boxBetween(a: { x: number; y: number }, b: { x: number; y: number }): RedactionRegion {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) }
}

/** A box moved (or with Shift, resized) by one arrow key press, kept inside the photo. */
function nudged(box: RedactionRegion, key: string, resize: boolean): RedactionRegion {
  const dx = key === 'ArrowLeft' ? -STEP : key === 'ArrowRight' ? STEP : 0
  const dy = key === 'ArrowUp' ? -STEP : key === 'ArrowDown' ? STEP : 0
  if (resize) {
    const width = Math.min(Math.max(MIN_SIZE, box.width + dx), 1 - box.x)
    const height = Math.min(Math.max(MIN_SIZE, box.height + dy), 1 - box.y)
    return { ...box, width, height }
  }
  return { ...box, x: clamp(Math.min(box.x + dx, 1 - box.width)), y: clamp(Math.min(box.y + dy, 1 - box.height)) }
}

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`

/**
 * A photo on which black boxes are drawn by dragging a rectangle with a pointer. Each box is
 * also a button: arrow keys move it, Shift with arrows resizes it, Delete removes it, and
 * "Add a box" puts a new one in the middle, so the whole job can be done from the keyboard.
 */
export function PhotoRedactor({ photo, index, regions, onChange }: PhotoRedactorProps) {
  const { t } = useTranslation()
  const hintId = useId()
  const stage = useRef<HTMLDivElement>(null)
  const [start, setStart] = useState<{ x: number; y: number }>()
  const [draft, setDraft] = useState<RedactionRegion>()
  const pointAt = (event: PointerEvent) => {
    const rect = stage.current!.getBoundingClientRect()
    return { x: clamp((event.clientX - rect.left) / rect.width), y: clamp((event.clientY - rect.top) / rect.height) }
  }
  const down = (event: PointerEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget && !(event.target instanceof HTMLImageElement)) return
    event.preventDefault()
    event.currentTarget.setPointerCapture(event.pointerId)
    setStart(pointAt(event))
  }
  const move = (event: PointerEvent) => {
    if (start) setDraft(boxBetween(start, pointAt(event)))
  }
  const up = () => {
    if (draft && draft.width >= MIN_SIZE && draft.height >= MIN_SIZE) onChange([...regions, draft])
    setStart(undefined)
    setDraft(undefined)
  }
  const key = (position: number) => (event: KeyboardEvent) => {
    if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault()
      onChange(regions.filter((_, i) => i !== position))
    } else if (event.key.startsWith('Arrow')) {
      event.preventDefault()
      onChange(regions.map((box, i) => (i === position ? nudged(box, event.key, event.shiftKey) : box)))
    }
  }
  return (
    <figure className="redactor">
      <div
        ref={stage}
        className="redactor__stage"
        style={{ aspectRatio: `${photo.width} / ${Math.max(photo.height, 1)}` }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
      >
        <img src={photo.url} alt={t('office.redact.photo', { index })} draggable={false} />
        {regions.map((box, position) => (
          <button
            key={position}
            type="button"
            className="redactor__box"
            style={{ left: percent(box.x), top: percent(box.y), width: percent(box.width), height: percent(box.height) }}
            aria-label={t('office.redact.box', { number: position + 1, x: percent(box.x), y: percent(box.y), width: percent(box.width), height: percent(box.height) })}
            aria-describedby={hintId}
            onKeyDown={key(position)}
          />
        ))}
        {draft && <div className="redactor__box redactor__box--draft" style={{ left: percent(draft.x), top: percent(draft.y), width: percent(draft.width), height: percent(draft.height) }} />}
      </div>
      <figcaption id={hintId} className="field-hint">
        {t('office.redact.hint')}
      </figcaption>
      <p className="redactor__tools">
        <button type="button" className="button button--small button--secondary" onClick={() => onChange([...regions, { x: 0.4, y: 0.4, width: 0.2, height: 0.2 }])}>
          {t('office.redact.add', { index })}
        </button>
        {regions.length > 0 && (
          <button type="button" className="button button--small button--secondary" onClick={() => onChange([])}>
            {t('office.redact.clear', { index })}
          </button>
        )}
      </p>
    </figure>
  )
}
