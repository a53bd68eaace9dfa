import { useMemo } from 'react'
import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Number, share and month formatters for the reader's language. */
export interface StatsFormat {
  count(value: number): string
  /** A share 0…1 as a whole percentage, "87 %". */
  share(value: number): string
  /** `YYYY-MM` as a short month and year, "лист. 2025 р.". */
  month(month: string): string
  /** `YYYY-MM` as a short month alone, "лист.": axis labels, with the year written once below. */
  monthName(month: string): string
  /** Days with one decimal, "13,7". */
  days(value: number): string
  /** `YYYY-MM-DD` as a date. */
  day(day: string): string
}

/** Formatters for `language`, rebuilt only when it changes. */
export function useStatsFormat(language: Language): StatsFormat {
  return useMemo(() => {
    const locale = LOCALE_OF[language]
    const counts = new Intl.NumberFormat(locale)
    const shares = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
    const decimals = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    const months = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' })
    const monthNames = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' })
    return {
      count: (value) => counts.format(value),
      share: (value) => shares.format(value),
      month: (month) => months.format(new Date(`${month}-01T00:00:00Z`)),
      monthName: (month) => monthNames.format(new Date(`${month}-01T00:00:00Z`)),
      days: (value) => decimals.format(value),
      day: (day) => days.format(new Date(`${day}T00:00:00Z`)),
    }
  }, [language])
}
