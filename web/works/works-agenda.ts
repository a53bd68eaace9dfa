import type { Work } from './works-api.ts'

/** The parts of the calendar, in the order it shows them. */
export const AGENDA_SECTIONS = ['now', 'today', 'this-week', 'next-weeks', 'later', 'past', 'undated'] as const
export type AgendaSection = (typeof AGENDA_SECTIONS)[number]

/** The works of one day (Kyiv time), emergencies first. */
export interface AgendaDay {
  /** `YYYY-MM-DD` in Kyiv; `''` in the section of works with no dates. */
  day: string
  works: Work[]
}

/** A part of the calendar and its days. */
export interface AgendaGroup {
  section: AgendaSection
  days: AgendaDay[]
}

/** How far ahead "next weeks" reach, in days after this week. */
const NEXT_WEEKS_DAYS = 21
const DAY_MS = 86_400_000

const KYIV_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' })

/** The calendar day (`YYYY-MM-DD`) in Kyiv of an instant. */
export function kyivDay(instant: Date): string {
  return KYIV_DAY.format(instant)
}

/** A day `n` days after a `YYYY-MM-DD` day. */
function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10)
}

/** When a work begins: its window, else its actual start, else its planned start. */
export function workStart(work: Work): string | null {
  return work.starts_at ?? work.actual_start ?? work.planned_start
}

/** When a work ends: its window, else its actual end, else its planned end. */
export function workEnd(work: Work): string | null {
  return work.ends_at ?? work.actual_end ?? work.planned_end
}

/** The Kyiv day of a timestamp, or the date itself of a `YYYY-MM-DD`. */
const dayOf = (value: string) => (value.length === 10 ? value : kyivDay(new Date(value)))

/** Whether a work is over at `now`: done or cancelled, or its end day (or instant) gone. */
function isOver(work: Work, now: Date): boolean {
  if (work.status === 'done' || work.status === 'cancelled') return true
  const end = workEnd(work)
  if (end === null) return false
  return end.length === 10 ? end < kyivDay(now) : Date.parse(end) <= now.getTime()
}

/** Which part of the calendar a work goes in at `now`. */
export function agendaSection(work: Work, now: Date): AgendaSection {
  if (work.active_now) return 'now'
  if (isOver(work, now)) return 'past'
  const start = workStart(work)
  if (start === null) return 'undated'
  const today = kyivDay(now)
  const day = dayOf(start)
  if (day <= today) return 'today'
  // A week runs Monday to Sunday.
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7
  const nextMonday = addDays(today, 7 - weekday)
  if (day < nextMonday) return 'this-week'
  return day < addDays(nextMonday, NEXT_WEEKS_DAYS) ? 'next-weeks' : 'later'
}

/** Emergencies first, then by start; past works newest first. */
function compareWorks(a: Work, b: Work, past: boolean): number {
  const urgency = Number(b.kind === 'emergency') - Number(a.kind === 'emergency')
  if (urgency !== 0) return urgency
  const order = (workStart(a) ?? '').localeCompare(workStart(b) ?? '')
  return (past ? -order : order) || a.id - b.id
}

/**
 * The works as a calendar at `now`: what is on now, then today, this week (to Sunday), the next
 * three weeks, later, the past and the undated; each part by day (Kyiv time), emergencies first
 * within a day. Empty parts are left out; works on now are one day, whatever their start.
 */
export function workAgenda(works: readonly Work[], now: Date): AgendaGroup[] {
  const groups: AgendaGroup[] = []
  for (const section of AGENDA_SECTIONS) {
    const past = section === 'past'
    const chosen = works.filter((w) => agendaSection(w, now) === section).sort((a, b) => compareWorks(a, b, past))
    if (chosen.length === 0) continue
    if (section === 'now' || section === 'undated') {
      groups.push({ section, days: [{ day: section === 'now' ? kyivDay(now) : '', works: chosen.sort((a, b) => compareWorks(a, b, false)) }] })
      continue
    }
    const days = new Map<string, Work[]>()
    for (const work of chosen) {
      const start = workStart(work)!
      const day = section === 'today' ? kyivDay(now) : dayOf(past ? (workEnd(work) ?? start) : start)
      days.set(day, [...(days.get(day) ?? []), work])
    }
    const ordered = [...days.entries()].sort(([a], [b]) => (past ? b.localeCompare(a) : a.localeCompare(b)))
    groups.push({ section, days: ordered.map(([day, list]) => ({ day, works: list.sort((a, b) => compareWorks(a, b, past)) })) })
  }
  return groups
}
