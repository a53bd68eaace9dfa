const DAY_MS = 86_400_000

/**
 * Whole days from `now` until a due date: 0 on the last day, negative once it has passed.
 * @example daysLeft('2026-05-10T00:00:00Z', Date.parse('2026-05-08T12:00:00Z')) // 2
 */
export function daysLeft(dueIso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(dueIso) - now) / DAY_MS)
}

/** `YYYY-MM-DD` of a moment in Kyiv, as `<input type="date">` takes it. */
export function kyivDate(iso: string | number): string {
  // Swedish formats dates as ISO 8601, which is what date inputs read.
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Kyiv' }).format(new Date(iso))
}

/** The moment `days` whole days after `iso`. */
export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY_MS).toISOString()
}
