import type { Language } from '../url-state/index.ts'

/**
 * The interface language a visitor reads, from the browser's ordered list (`navigator.languages`):
 * English when an English tag comes before any Ukrainian one, else Ukrainian (the platform's
 * default, also for browsers that read neither).
 * @example preferredLanguage(['en-GB', 'en']) // 'en'
 */
export function preferredLanguage(languages: readonly string[]): Language {
  for (const tag of languages) {
    const primary = tag.toLowerCase().split('-')[0]
    if (primary === 'uk') return 'uk'
    if (primary === 'en') return 'en'
  }
  return 'uk'
}
