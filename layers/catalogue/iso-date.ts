/**
 * Dates of the registers as one form. Layers store a `date` attribute as ISO 8601
 * (`YYYY-MM-DD`), which sorts and compares as dates do, whatever form the source file wrote.
 */

/** `YYYY-MM-DD`, `YYYY-M-D`, `YYYY/MM/DD` or `YYYY.MM.DD`, with an optional time after it. */
const YEAR_FIRST = /^(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:[T ].*)?$/
/** `DD.MM.YYYY`, `D.M.YYYY`, `DD/MM/YYYY` or `DD-MM-YYYY`: day first, as Ukrainian registers write dates. */
const DAY_FIRST = /^(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?:[T ,].*)?$/

/** The date as ISO 8601 `YYYY-MM-DD` when year, month and day make a day of the calendar. */
function calendarDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null
  return date.toISOString().slice(0, 10)
}

/**
 * A date as ISO 8601 `YYYY-MM-DD`, from the forms the imported registers hold: ISO dates (a
 * time after them is dropped), and day-first `DD.MM.YYYY`, `DD/MM/YYYY` and `DD-MM-YYYY`
 * (Ukrainian registers never write month first). Returns null for anything else, including
 * days that do not exist (`31.02.2017`).
 *
 * @example isoDate('06.04.2018') // '2018-04-06'
 */
export function isoDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const text = value.trim()
  const yearFirst = YEAR_FIRST.exec(text)
  if (yearFirst) return calendarDay(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]))
  const dayFirst = DAY_FIRST.exec(text)
  if (dayFirst) return calendarDay(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]))
  return null
}
