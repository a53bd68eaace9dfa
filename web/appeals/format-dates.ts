import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** A moment as a resident of the city reads it: its day in Kyiv time, e.g. `12 травня 2026 р.`. */
export function formatDay(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone: 'Europe/Kyiv' }).format(new Date(iso))
}

/** A moment with its time of day in Kyiv, for the timeline. */
export function formatMoment(iso: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Kyiv' }).format(new Date(iso))
}
