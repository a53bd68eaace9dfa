import { useCallback, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../url-state/index.ts'
import { useMapUrlState } from './use-map-url-state.ts'

/**
 * The interface language of a page that is not the map: `?lang=` as on the map (Ukrainian when
 * absent), kept in step with i18next, and the way to change it.
 */
export function usePageLanguage(): { language: Language; setLanguage(language: Language): void } {
  const { i18n } = useTranslation()
  const { state, replace } = useMapUrlState()
  const language = state.lang ?? 'uk'
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language)
  }, [i18n, language])
  return { language, setLanguage: useCallback((next: Language) => replace({ lang: next }), [replace]) }
}
