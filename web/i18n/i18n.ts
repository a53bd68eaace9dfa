import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { LocalizedText } from '../../api/contract/index.ts'
import type { Language } from '../url-state/index.ts'
import accountEn from './account.en.json' with { type: 'json' }
import accountUk from './account.uk.json' with { type: 'json' }
import budgetsEn from './budgets.en.json' with { type: 'json' }
import budgetsUk from './budgets.uk.json' with { type: 'json' }
import dashboardEn from './dashboard.en.json' with { type: 'json' }
import dashboardUk from './dashboard.uk.json' with { type: 'json' }
import dataEn from './data.en.json' with { type: 'json' }
import dataUk from './data.uk.json' with { type: 'json' }
import en from './en.json' with { type: 'json' }
import officeEn from './office.en.json' with { type: 'json' }
import officeUk from './office.uk.json' with { type: 'json' }
import propertyEn from './property.en.json' with { type: 'json' }
import propertyUk from './property.uk.json' with { type: 'json' }
import searchEn from './search.en.json' with { type: 'json' }
import searchUk from './search.uk.json' with { type: 'json' }
import uk from './uk.json' with { type: 'json' }
import worksEn from './works.en.json' with { type: 'json' }
import worksUk from './works.uk.json' with { type: 'json' }

// One catalogue per area of the app, each with its own top-level keys.
const CATALOGUES = {
  uk: { ...uk, ...accountUk, ...officeUk, ...dashboardUk, ...budgetsUk, ...propertyUk, ...worksUk, ...searchUk, ...dataUk },
  en: { ...en, ...accountEn, ...officeEn, ...dashboardEn, ...budgetsEn, ...propertyEn, ...worksEn, ...searchEn, ...dataEn },
}

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
    resources: { uk: { translation: CATALOGUES.uk }, en: { translation: CATALOGUES.en } },
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
