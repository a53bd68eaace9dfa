import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/api-schemas.ts'
import { addressSourceLayers, loadAddressIndex, searchAddresses, type AddressEntry } from './address-index.ts'

type IndexState = { status: 'idle' } | { status: 'loading' } | { status: 'ready'; index: AddressEntry[] } | { status: 'failed' }

/**
 * A search over the addresses of the city's public layers (buildings, polling stations…). The
 * sources are downloaded the first time the field gets the focus. Renders nothing when the
 * city has no layer with addresses.
 */
export function FieldAddressSearch({ layers, onPick }: { layers: readonly LayerSummary[]; onPick(entry: AddressEntry): void }) {
  const { t } = useTranslation()
  const id = useId()
  const [query, setQuery] = useState('')
  const [state, setState] = useState<IndexState>({ status: 'idle' })
  const sources = addressSourceLayers(layers)

  useEffect(() => {
    if (state.status !== 'loading') return
    const controller = new AbortController()
    loadAddressIndex(sources, controller.signal).then(
      (index) => setState({ status: 'ready', index }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        console.error('Could not load the address search:', error)
        setState({ status: 'failed' })
      },
    )
    return () => controller.abort()
    // Loads once per activation; the layer list is the city's and does not change under the sheet.
  }, [state.status])

  if (sources.length === 0) return null
  const results = state.status === 'ready' ? searchAddresses(state.index, query) : []
  const status =
    state.status === 'loading'
      ? t('report.location.searchLoading')
      : state.status === 'failed'
        ? t('report.location.searchFailed')
        : state.status === 'ready' && query.trim().length >= 2
          ? t('report.location.searchResults', { count: results.length })
          : ''

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
        onFocus={() => state.status === 'idle' && setState({ status: 'loading' })}
        onChange={(event) => setQuery(event.currentTarget.value)}
      />
      <p id={`${id}-status`} className="field-hint" role="status">
        {status}
      </p>
      {results.length > 0 && (
        <ul className="address-search__results">
          {results.map((entry) => (
            <li key={entry.folded}>
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
