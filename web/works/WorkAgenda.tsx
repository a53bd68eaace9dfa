import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { LOCALE_OF } from '../i18n/index.ts'
import { joinList, objectHref, ObjectList, type ObjectRow } from '../property/index.ts'
import type { Language } from '../url-state/index.ts'
import { workAgenda, workEnd, workStart } from './works-agenda.ts'
import { WORK_KIND_COLORS, WORKS_VIEW, type Work } from './works-api.ts'
import { formatAgendaDay, formatInstant, formatWindow } from './works-format.ts'
import { formatDate } from '../property/index.ts'

/** Props of {@link WorkAgenda}. */
export interface WorkAgendaProps {
  works: readonly Work[]
  now: Date
  language: Language
  lang: Language | undefined
  selected: number | undefined
  followSelection: boolean
  onSelect(id: number): void
}

/**
 * The works as a calendar: each part (on now, today, this week…) under its heading, its days
 * under theirs, each day a list whose rows highlight the work on the map and link to its page.
 */
export function WorkAgenda({ works, now, language, lang, selected, followSelection, onSelect }: WorkAgendaProps) {
  const { t } = useTranslation()
  const agenda = workAgenda(works, now)
  return (
    <div className="works-agenda" aria-label={t('works.listLabel')} role="region" data-count={works.length}>
      {agenda.map((group) => (
        <section key={group.section} className="works-agenda__section" data-section={group.section}>
          <h2>{t(`works.sections.${group.section}`)}</h2>
          {group.days.map((day) => (
            <div key={day.day} className="works-agenda__day">
              {day.day && group.section !== 'now' && group.section !== 'today' && <h3>{formatAgendaDay(day.day, language)}</h3>}
              <ObjectList
                rows={day.works.map((w) => workRow(w, language, lang, t))}
                selected={selected}
                followSelection={followSelection}
                onSelect={onSelect}
                label={day.day ? formatAgendaDay(day.day, language) : t(`works.sections.${group.section}`)}
              />
            </div>
          ))}
        </section>
      ))}
    </div>
  )
}

/** When a work is: its window in Kyiv time, or its dates. */
export function workWhen(w: Work, language: Language): string {
  if (w.starts_at && w.ends_at) return formatWindow(w.starts_at, w.ends_at, language)
  const [start, end] = [workStart(w), workEnd(w)]
  const show = (value: string) => (value.length === 10 ? formatDate(value, language) : formatInstant(value, language))
  return [start && show(start), end && show(end)].filter(Boolean).join(' – ')
}

/** What a work switches off, in words ("water and power"); '' when nothing. */
export function switchedOffText(w: Work, language: Language, t: TFunction): string {
  return w.switched_off.length === 0 ? '' : joinList(w.switched_off.map((s) => t(`works.switchedOff.${s}`)), LOCALE_OF[language])
}

/** A work as a line of the calendar. */
function workRow(w: Work, language: Language, lang: Language | undefined, t: TFunction): ObjectRow {
  const off = switchedOffText(w, language, t)
  return {
    id: w.id,
    title: w.title,
    facts: [workWhen(w, language), off && t('works.off', { what: off }), t(`works.types.${w.work_type}`), w.organisation ? w.organisation.name[language] || w.organisation.name.uk : ''],
    status: w.kind,
    statusLabel: t(`works.kinds.${w.kind}`),
    colour: WORK_KIND_COLORS[w.kind],
    href: objectHref(WORKS_VIEW, w.id, lang),
    synthetic: w.synthetic,
  }
}
