import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { LocalizedText } from '../../layers/index.ts'
import type { Language } from '../url-state.ts'
import en from './en.json' with { type: 'json' }
import uk from './uk.json' with { type: 'json' }

/** The locale used to format numbers and dates for each interface language. */
export const LOCALE_OF: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB' }

/**
 * Starts i18next with the bundled catalogues (Ukrainian is the default and the fallback) and
 * keeps `<html lang>` and the document title in step with the language.
 */
export async function startI18n(language: Language): Promise<void> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng
    document.title = i18next.t('app.title')
  })
  await i18next.use(initReactI18next).init({
    resources: { uk: { translation: uk }, en: { translation: en } },
    lng: language,
    fallbackLng: 'uk',
    supportedLngs: ['uk', 'en'],
    // React escapes what it renders; escaping here as well would double-escape.
    interpolation: { escapeValue: false },
  })
}

/** The text of `text` in `language`, falling back to Ukrainian when the translation is empty. */
export function pickText(text: LocalizedText, language: Language): string {
  return text[language] || text.uk
}
