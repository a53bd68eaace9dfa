import i18next, { type BackendModule, type ResourceKey } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { LocalizedText } from '../../api/contract/index.ts'
import type { Language } from '../url-state/index.ts'
// One catalogue per area of the app, each with its own top-level keys. Each language's catalogues
// are a chunk of their own, fetched when the language is first used: a page carries one language.
const CATALOGUES: Record<Language, () => Promise<Array<{ default: object }>>> = {
  uk: () =>
    Promise.all([
      import('./uk.json'),
      import('./account.uk.json'),
      import('./office.uk.json'),
      import('./dashboard.uk.json'),
      import('./budgets.uk.json'),
      import('./property.uk.json'),
      import('./works.uk.json'),
      import('./search.uk.json'),
      import('./data.uk.json'),
    ]),
  en: () =>
    Promise.all([
      import('./en.json'),
      import('./account.en.json'),
      import('./office.en.json'),
      import('./dashboard.en.json'),
      import('./budgets.en.json'),
      import('./property.en.json'),
      import('./works.en.json'),
      import('./search.en.json'),
      import('./data.en.json'),
    ]),
}

const isLanguage = (lng: string): lng is Language => lng === 'uk' || lng === 'en'

/** Reads a language's catalogues when i18next first needs them (at start, or on a change of language). */
const catalogueBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(lng, _namespace, done) {
    if (!isLanguage(lng)) return done(null, {})
    CATALOGUES[lng]().then(
      (parts) => done(null, Object.assign({}, ...parts.map((p) => p.default)) as ResourceKey),
      (error: unknown) => done(error instanceof Error ? error.message : String(error), null),
    )
  },
}

/** The locale used to format numbers and dates for each interface language. */
export const LOCALE_OF: Record<Language, string> = { uk: 'uk-UA', en: 'en-GB' }

/**
 * Starts i18next with the language's catalogues (Ukrainian is the default and the fallback) and
 * keeps `<html lang>` and the document title in step with the language.
 */
export async function startI18n(language: Language): Promise<void> {
  i18next.on('languageChanged', (lng) => {
    document.documentElement.lang = lng
    document.title = i18next.t('app.title')
  })
  await i18next.use(catalogueBackend).use(initReactI18next).init({
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
