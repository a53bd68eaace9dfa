import { type KeyboardEvent, useEffect, useId, useReducer, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../url-state/index.ts'
import { CLOSED_COMBOBOX, comboboxReducer } from './combobox-state.ts'
import { type SearchResult, searchUrl } from './search-request.ts'
import { useSearch } from './use-search.ts'

/** Props of {@link InputSearchCombobox}. */
export interface InputSearchComboboxProps {
  /** The city searched; with none, the box waits for one. */
  cityId: string | undefined
  /** The language layers and consultations are titled in. */
  language: Language
  /** How many suggestions the list shows. */
  limit: number
  /** The text the box starts with (the search page's query). */
  initialText?: string
  /** A suggestion was chosen, with Enter or a click. */
  onChoose(result: SearchResult): void
  /** Enter with no suggestion active: search for the text as typed. */
  onSubmit(text: string): void
}

/**
 * A search box that suggests as one types: a WAI-ARIA 1.2 combobox whose listbox holds the best
 * results, each labelled by its kind. Focus stays in the box; ArrowDown/ArrowUp move through the
 * suggestions (wrapping), Home/End jump to the first and last one, Enter opens the active one or,
 * with none active, searches the text, Escape closes the list and then clears the text. A live
 * status line tells screen-reader users how many results there are.
 */
export function InputSearchCombobox({ cityId, language, limit, initialText = '', onChoose, onSubmit }: InputSearchComboboxProps) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState(initialText)
  const search = useSearch(cityId, text, limit, language)
  const { results } = search
  const [box, dispatch] = useReducer(comboboxReducer, CLOSED_COMBOBOX)
  const list = useRef<HTMLUListElement>(null)

  useEffect(() => setText(initialText), [initialText])
  useEffect(() => {
    if (search.status === 'ready') dispatch({ type: 'results', count: results.length })
    if (search.status === 'idle') dispatch({ type: 'results', count: 0 })
  }, [search.status, results])
  // The active option stays in view when the list scrolls (a phone's short list).
  useEffect(() => {
    if (box.active >= 0) list.current?.children[box.active]?.scrollIntoView?.({ block: 'nearest' })
  }, [box.active])

  const optionId = (index: number) => `${id}-option-${index}`
  const searchable = cityId !== undefined && searchUrl(cityId, text, limit) !== undefined
  const expanded = box.open && results.length > 0 && search.status !== 'idle'
  const status =
    cityId === undefined
      ? t('search.noCity')
      : !searchable
        ? text.trim() === ''
          ? ''
          : t('search.tooShort')
        : search.status === 'failed'
          ? t('search.failed', { reason: search.problem.detail ?? search.problem.title })
          : search.status === 'ready'
            ? results.length === 0
              ? t('search.none')
              : t('search.results', { count: results.length })
            : t('search.loading')

  const choose = (index: number) => {
    const result = results[index]
    if (!result) return
    dispatch({ type: 'close' })
    setText(result.title)
    onChoose(result)
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const key = event.key
    if (key === 'ArrowDown' || key === 'ArrowUp') {
      event.preventDefault()
      dispatch({ type: key === 'ArrowDown' ? 'next' : 'previous' })
    } else if ((key === 'Home' || key === 'End') && expanded && box.active >= 0) {
      event.preventDefault()
      dispatch({ type: key === 'Home' ? 'first' : 'last' })
    } else if (key === 'Enter') {
      event.preventDefault()
      if (expanded && box.active >= 0) choose(box.active)
      else if (searchable) {
        dispatch({ type: 'close' })
        onSubmit(text.trim())
      }
    } else if (key === 'Escape') {
      if (box.open) dispatch({ type: 'close' })
      else setText('')
    }
  }

  return (
    <div className="search-box" data-status={search.status}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        id={`${id}-input`}
        className="search-box__input"
        type="text"
        role="combobox"
        enterKeyHint="search"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('search.placeholder')}
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={expanded && box.active >= 0 ? optionId(box.active) : undefined}
        aria-describedby={`${id}-hint`}
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value)
          dispatch({ type: 'typed' })
        }}
        onKeyDown={onKeyDown}
        onBlur={() => dispatch({ type: 'close' })}
        onFocus={() => results.length > 0 && searchable && dispatch({ type: 'typed' })}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        {t('search.hint')}
      </span>
      <div className="search-box__popup" hidden={!expanded}>
        <ul ref={list} id={`${id}-listbox`} role="listbox" aria-label={t('search.label')} className="search-box__listbox">
          {results.map((result, index) => (
            <li
              key={`${result.kind}:${result.layer ?? ''}:${result.feature_id ?? result.number ?? result.url ?? result.title}:${index}`}
              id={optionId(index)}
              role="option"
              aria-selected={index === box.active}
              className="search-option"
              data-kind={result.kind}
              // A press must not take the focus from the box: the click chooses.
              onMouseDown={(event) => event.preventDefault()}
              onMouseMove={() => index !== box.active && dispatch({ type: 'point', index })}
              onClick={() => choose(index)}
            >
              <span className="search-option__kind">{t(`search.kind.${result.kind}`)}</span>
              <span className="search-option__title">{result.title}</span>
              {result.subtitle && <span className="search-option__subtitle">{result.subtitle}</span>}
            </li>
          ))}
        </ul>
        {/* For the pointer: the keyboard's way to every result is Enter with no suggestion active. */}
        <button
          type="button"
          tabIndex={-1}
          className="search-box__all"
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            dispatch({ type: 'close' })
            onSubmit(text.trim())
          }}
        >
          {t('search.showAll', { query: text.trim() })}
        </button>
      </div>
      <p className="search-box__status" role="status" aria-live="polite" data-visible={box.open && searchable && search.status === 'ready' && results.length === 0}>
        {status}
      </p>
    </div>
  )
}
