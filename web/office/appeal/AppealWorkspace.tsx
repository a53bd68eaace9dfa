import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { OfficeAppeal } from '../../api-client/index.ts'
import { AppealMiniMap, AppealPhotos, AppealTimeline } from '../../appeals/index.ts'
import type { Language } from '../../url-state/index.ts'
import { AuditTable } from '../audit/index.ts'
import { officeHref } from '../shared/index.ts'
import type { AppealMovedOut, AppealUpdated } from './actions/index.ts'
import { AppealActions } from './AppealActions.tsx'
import { AppealNotes } from './AppealNotes.tsx'
import { OfficeAppealFacts } from './OfficeAppealFacts.tsx'


/**
 * The work page of an appeal: its facts, photos, timeline, notes and audit trail, with the
 * actions the user may take beside them. After each action the page shows the appeal the API
 * sent back and announces the outcome in a status region that also takes focus.
 */
export function AppealWorkspace({ initial, language }: { initial: OfficeAppeal; language: Language }) {
  const { t } = useTranslation()
  const [appeal, setAppeal] = useState(initial)
  const [message, setMessage] = useState('')
  const [movedOut, setMovedOut] = useState(false)
  const status = useRef<HTMLParagraphElement>(null)
  const announce = (text: string) => {
    setMessage(text)
    // After the re-render, so the announcement is in place when focus lands on it.
    requestAnimationFrame(() => status.current?.focus())
  }
  const updated: AppealUpdated = (next, text) => {
    setAppeal(next)
    announce(text)
  }
  const movedAway: AppealMovedOut = (text) => {
    setMovedOut(true)
    announce(text)
  }
  return (
    <div className="office-appeal">
      <p className="office-back">
        <a href={officeHref('/office', language)}>{t('office.appeal.back')}</a>
      </p>
      <p ref={status} role="status" tabIndex={-1} className="office-status" data-empty={message === ''}>
        {message}
      </p>
      {!movedOut && (
        <div className="office-appeal__columns">
          <div className="office-appeal__main">
            <OfficeAppealFacts appeal={appeal} language={language} />
            <AppealPhotos photos={appeal.photos} />
            {appeal.location && <AppealMiniMap cityId={appeal.city} lon={appeal.location.lon} lat={appeal.location.lat} />}
            <AppealTimeline timeline={appeal.events} language={language} />
            <AppealNotes appeal={appeal} language={language} onUpdated={updated} />
            <section className="appeal-section" aria-labelledby="appeal-audit-heading">
              <h2 id="appeal-audit-heading">{t('office.audit.ofAppeal')}</h2>
              <AuditTable entries={appeal.audit} language={language} />
            </section>
          </div>
          <AppealActions appeal={appeal} language={language} onUpdated={updated} onMovedOut={movedAway} />
        </div>
      )}
    </div>
  )
}
