import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppealReceipt } from '../api-client/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link ReportReceipt}. */
export interface ReportReceiptProps {
  receipt: AppealReceipt
  language: Language
  onShowOnMap(): void
  onReportAnother(): void
}

/**
 * Step 6: the appeal is filed. Its number and due date, a link to its public page, and the
 * private tracking link, which the resident must keep: it is the only way back to the appeal
 * without an account. The heading takes the focus so screen readers announce the result.
 */
export function ReportReceipt({ receipt, language, onShowOnMap, onReportAnother }: ReportReceiptProps) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const [copied, setCopied] = useState<'no' | 'yes' | 'failed'>('no')
  useEffect(() => heading.current?.focus(), [])
  const dueDate = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone: 'Europe/Kyiv' }).format(new Date(receipt.due_at))
  const trackingPath = new URL(receipt.tracking_url, window.location.href).pathname

  const copy = () =>
    navigator.clipboard.writeText(receipt.tracking_url).then(
      () => setCopied('yes'),
      (error: unknown) => {
        console.error('Could not copy the tracking link:', error)
        setCopied('failed')
      },
    )

  return (
    <div className="report-step report-receipt">
      <h3 ref={heading} tabIndex={-1} className="report-receipt__heading">
        {t('report.receipt.heading')}
      </h3>
      <p className="report-receipt__number">
        {t('report.receipt.number')} <strong data-appeal-number>{receipt.number}</strong>
      </p>
      <p>{t('report.receipt.due', { date: dueDate })}</p>
      {receipt.address && <p>{t('report.receipt.address', { address: receipt.address })}</p>}
      <p>
        <a href={`/appeals/${receipt.number}`}>{t('report.receipt.page')}</a>
      </p>
      <div className="report-receipt__tracking">
        <h4>{t('report.receipt.trackingHeading')}</h4>
        <p>{t('report.receipt.trackingKeep')}</p>
        <p className="report-receipt__link">
          <a href={trackingPath} data-tracking-link>
            {receipt.tracking_url}
          </a>
        </p>
        <button type="button" className="button button--secondary" onClick={copy}>
          {t('report.receipt.copy')}
        </button>
        <p role="status" className="field-hint">
          {copied === 'yes' ? t('report.receipt.copied') : copied === 'failed' ? t('report.receipt.copyFailed') : ''}
        </p>
      </div>
      <div className="report-step__actions">
        <button type="button" className="button" onClick={onShowOnMap}>
          {t('report.receipt.showOnMap')}
        </button>
        <button type="button" className="button button--secondary" onClick={onReportAnother}>
          {t('report.receipt.another')}
        </button>
      </div>
    </div>
  )
}
