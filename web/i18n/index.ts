/** Translations (Ukrainian and English) and picking the text of a bilingual value. */
export { LOCALE_OF, pickText, startI18n } from './i18n.ts'
