import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'

/** One line of a list of objects. */
export interface ObjectRow {
  id: number
  title: string
  /** What else a reader needs to tell it apart: kind, area, address, price. */
  facts: string[]
  status: string
  statusLabel: string
  colour: string
  href: string
  /** Its place is withheld or unknown, so the map does not show it. */
  unmapped?: string | undefined
  synthetic: boolean
}

/** Props of {@link ObjectList}. */
export interface ObjectListProps {
  rows: readonly ObjectRow[]
  selected: number | undefined
  /** Scroll the selected row into view (it was chosen on the map). */
  followSelection: boolean
  onSelect(id: number): void
  label: string
}

/**
 * The objects as a list beside the map, in the same order and number: each row a button that
 * highlights the object on the map (pressed while selected) and a link to its page. Readable and
 * usable without the map.
 */
export function ObjectList({ rows, selected, followSelection, onSelect, label }: ObjectListProps) {
  const { t } = useTranslation()
  const list = useRef<HTMLOListElement>(null)
  useEffect(() => {
    if (!followSelection || selected === undefined) return
    list.current?.querySelector(`[data-object-id="${selected}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [followSelection, selected])
  return (
    <ol ref={list} className="property-list" aria-label={label} data-count={rows.length}>
      {rows.map((row) => (
        <li key={row.id} data-object-id={row.id} className="property-list__row" aria-current={row.id === selected ? 'true' : undefined}>
          <button type="button" className="property-list__select" aria-pressed={row.id === selected} onClick={() => onSelect(row.id)}>
            <span className="property-list__swatch" style={{ background: row.colour }} aria-hidden="true" />
            <span className="property-list__title">{row.title}</span>
            <span className="property-list__status">{row.statusLabel}</span>
            <span className="property-list__facts">{row.facts.filter((f) => f !== '').join(' · ')}</span>
            {row.unmapped && <span className="property-list__note">{row.unmapped}</span>}
            {row.synthetic && <span className="badge badge--synthetic">{t('property.synthetic')}</span>}
          </button>
          <a className="property-list__open" href={row.href}>
            {t('property.list.open')}
            <span className="visually-hidden">: {row.title}</span>
          </a>
        </li>
      ))}
    </ol>
  )
}
