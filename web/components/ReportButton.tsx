import { useTranslation } from 'react-i18next'

/** The prominent button over the map that starts the "report a problem" flow. */
export function ReportButton({ onClick }: { onClick(): void }) {
  const { t } = useTranslation()
  return (
    <button type="button" className="report-button" onClick={onClick}>
      <span aria-hidden="true" className="report-button__icon">
        +
      </span>
      {t('report.start')}
    </button>
  )
}
