import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AddressMatchListSchema, type AddressMatch } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'

/** Typing pauses this long before the search asks the server. */
const DEBOUNCE_MS = 250

/** `query` once it has stopped changing for {@link DEBOUNCE_MS}. */
function useSettled(query: string): string {
  const [settled, setSettled] = useState(query)
  useEffect(() => {
    const timer = setTimeout(() => setSettled(query), DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [query])
  return settled
}

/**
 * A search over the addresses of the city's public layers (buildings, polling stations, shops…):
 * the server matches every word of the query, whatever the case and punctuation.
 */
export function FieldAddressSearch({ cityId, onPick }: { cityId: string; onPick(entry: AddressMatch): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [query, setQuery] = useState('')
  const settled = useSettled(query.trim())
  const url = settled.length >= 2 ? `/api/addresses?city=${encodeURIComponent(cityId)}&q=${encodeURIComponent(settled)}` : undefined
  const search = useApiResource(url, AddressMatchListSchema)
  const results = url && search.status === 'ready' ? search.data : []
  const status = !url
    ? ''
    : search.status === 'loading'
      ? t('report.location.searchLoading')
      : search.status === 'failed'
        ? t('report.location.searchFailed')
        : t('report.location.searchResults', { count: results.length })

  return (
    <div className="address-search">
      <label htmlFor={`${id}-query`}>{t('report.location.search')}</label>
      <p id={`${id}-hint`} className="field-hint">
        {t('report.location.searchHint')}
      </p>
      <input
        id={`${id}-query`}
        type="search"
        autoComplete="off"
        aria-describedby={`${id}-hint ${id}-status`}
        value={query}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      <p id={`${id}-status`} className="field-hint" role="status">
        {status}
      </p>
      {results.length > 0 && (
        <ul className="address-search__results">
          {results.map((entry) => (
            <li key={`${entry.label}@${entry.layer}`}>
              <button
                type="button"
                onClick={() => {
                  setQuery(entry.label)
                  onPick(entry)
                }}
              >
                {entry.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
