import type { DataPassport } from '../../api/contract/index.ts'

/** What the catalogue page is narrowed to: a city and a theme, each absent for all. */
export interface CatalogueFilter {
  city?: string | undefined
  theme?: string | undefined
}

/** The passports of the filter's city and theme, in the catalogue's order. */
export function filterPassports(passports: readonly DataPassport[], filter: CatalogueFilter): DataPassport[] {
  return passports.filter((p) => (!filter.city || p.city === filter.city) && (!filter.theme || p.theme === filter.theme))
}

/** The themes the passports of a city (of every city when unset) fall under, in the catalogue's order, each once. */
export function themesOf(passports: readonly DataPassport[], city: string | undefined): string[] {
  return [...new Set(passports.filter((p) => !city || p.city === city).map((p) => p.theme))]
}

/** A byte count for people: `12.3 MB`, `840 kB`, `95 B` (decimal units, as file sizes are shown). */
export function formatBytes(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB']
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000
    unit += 1
  }
  return `${value.toLocaleString(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 })} ${units[unit]}`
}
