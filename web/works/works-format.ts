import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** The city's time zone: works' windows are read and typed in it, wherever the reader is. */
export const KYIV = 'Europe/Kyiv'

const dayFormat = (language: Language) => new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone: KYIV })
const timeFormat = (language: Language) => new Intl.DateTimeFormat(LOCALE_OF[language], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: KYIV })
const KYIV_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: KYIV, year: 'numeric', month: '2-digit', day: '2-digit' })

/**
 * A window in Kyiv time: the day and hour it starts and the hour it ends, with the end's day
 * too when it ends on another day.
 * @example formatWindow('2026-12-08T07:00:00Z', '2026-12-08T15:00:00Z', 'en') // '8 December 2026, 09:00 – 17:00'
 */
export function formatWindow(starts: string, ends: string, language: Language): string {
  const [from, to] = [new Date(starts), new Date(ends)]
  const [day, time] = [dayFormat(language), timeFormat(language)]
  const sameDay = KYIV_DAY.format(from) === KYIV_DAY.format(to)
  return `${day.format(from)}, ${time.format(from)} – ${sameDay ? '' : `${day.format(to)}, `}${time.format(to)}`
}

/** One instant in Kyiv time: "8 December 2026, 09:00". */
export function formatInstant(instant: string, language: Language): string {
  const at = new Date(instant)
  return `${dayFormat(language).format(at)}, ${timeFormat(language).format(at)}`
}

/** The day in words of a `YYYY-MM-DD` day (a calendar heading): "Tuesday, 8 December". */
export function formatAgendaDay(day: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`))
}

/** Kyiv's offset from UTC at an instant, in minutes (120 in winter, 180 in summer). */
function kyivOffsetMinutes(utcMs: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: KYIV, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  )
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second))
  return Math.round((wall - utcMs) / 60_000)
}

/**
 * What staff type in a date-and-time field (`2026-12-08T09:00`, Kyiv wall time, whatever the
 * browser's zone) as an instant the API takes; undefined for a blank or malformed field.
 * @example kyivTimeToIso('2026-12-08T09:00') // '2026-12-08T07:00:00.000Z'
 */
export function kyivTimeToIso(local: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local.trim())
  if (!match) return undefined
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number]
  const wall = Date.UTC(y, mo - 1, d, h, mi)
  // The offset at the guessed instant, then again at the corrected one (near a change of clocks).
  const first = wall - kyivOffsetMinutes(wall) * 60_000
  return new Date(wall - kyivOffsetMinutes(first) * 60_000).toISOString()
}

/** An instant as a date-and-time field shows it in Kyiv wall time (`2026-12-08T09:00`). */
export function isoToKyivTime(instant: string): string {
  const ms = Date.parse(instant)
  return new Date(ms + kyivOffsetMinutes(ms) * 60_000).toISOString().slice(0, 16)
}
