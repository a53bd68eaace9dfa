import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { onOutboxEvent, queuedAppeals } from './appeal-outbox.ts'
import { useOnline } from './connection.ts'

/** What the outbox has done since the page opened: appeals sent (with their numbers) and refused. */
type OutboxNews = { kind: 'sent'; number: string } | { kind: 'refused'; reason: string }

/**
 * The map's line about the connection, announced politely: offline, what still works; appeals
 * waiting on this device; and each queued appeal once it is sent (its number and page) or refused.
 */
export function OfflineNotice() {
  const { t } = useTranslation()
  const online = useOnline()
  const [waiting, setWaiting] = useState(0)
  const [news, setNews] = useState<OutboxNews[]>([])

  useEffect(() => {
    const recount = () => void queuedAppeals().then((all) => setWaiting(all.length), () => setWaiting(0))
    recount()
    return onOutboxEvent((event) => {
      recount()
      if (event.kind === 'sent') setNews((current) => [...current, { kind: 'sent', number: event.receipt.number }])
      if (event.kind === 'refused') setNews((current) => [...current, { kind: 'refused', reason: event.problem.detail ?? event.problem.title }])
    })
  }, [])

  const shown = !online || waiting > 0 || news.length > 0
  return (
    <div className="offline-notice" role="status" data-offline={!online} data-shown={shown}>
      {!online && <p>{t('offline.notice')}</p>}
      {waiting > 0 && <p data-waiting={waiting}>{t('offline.waiting', { count: waiting })}</p>}
      {news.map((item, index) =>
        item.kind === 'sent' ? (
          <p key={index}>
            <a href={`/appeals/${item.number}`}>{t('offline.sent', { number: item.number })}</a>
          </p>
        ) : (
          <p key={index}>{t('offline.refused', { reason: item.reason })}</p>
        ),
      )}
      {news.length > 0 && (
        <button type="button" className="problem-alert__dismiss" onClick={() => setNews([])}>
          {t('problem.dismiss')}
        </button>
      )}
    </div>
  )
}
