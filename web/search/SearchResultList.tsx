import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { resultHref, type ResultContext } from './result-target.ts'
import type { SearchResult } from './search-request.ts'

/** Props of {@link SearchResultList}. */
export interface SearchResultListProps {
  results: readonly SearchResult[]
  context: ResultContext
  /** The result shown highlighted here and on the map. */
  highlighted: number | undefined
  /** The pointer or the focus came to a result (undefined: it left them all). */
  onHighlight(index: number | undefined): void
}

/**
 * Every result of a search, best first, each linking where choosing it leads (its page, or the
 * map at its place) and labelled by its kind. Pointing at or focusing a result highlights it on
 * the map; a result picked on the map is highlighted here and scrolled into view.
 */
export function SearchResultList({ results, context, highlighted, onHighlight }: SearchResultListProps) {
  const { t } = useTranslation()
  const list = useRef<HTMLOListElement>(null)
  useEffect(() => {
    if (highlighted !== undefined) list.current?.children[highlighted]?.scrollIntoView?.({ block: 'nearest' })
  }, [highlighted])
  return (
    <ol ref={list} className="search-results" aria-label={t('search.page.list')} onMouseLeave={() => onHighlight(undefined)}>
      {results.map((result, index) => (
        <li
          key={`${result.kind}:${result.layer ?? ''}:${result.feature_id ?? result.number ?? result.url ?? result.title}:${index}`}
          className="search-results__item"
          data-kind={result.kind}
          data-highlighted={index === highlighted}
          data-located={result.point !== undefined || result.bbox !== undefined}
          onMouseEnter={() => onHighlight(index)}
          onFocus={() => onHighlight(index)}
        >
          <span className="search-option__kind">{t(`search.kind.${result.kind}`)}</span>
          <a className="search-results__link" href={resultHref(result, context)}>
            {result.title}
          </a>
          {result.subtitle && <span className="search-option__subtitle">{result.subtitle}</span>}
        </li>
      ))}
    </ol>
  )
}
