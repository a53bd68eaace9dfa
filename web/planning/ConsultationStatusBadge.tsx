import { useTranslation } from 'react-i18next'
import type { ConsultationStatus } from '../../api/contract/index.ts'

/** Where a consultation is in time, as a badge: upcoming, open for comments, closed. */
export function ConsultationStatusBadge({ status }: { status: ConsultationStatus }) {
  const { t } = useTranslation()
  return <span className={`consultation-status consultation-status--${status}`}>{t(`planning.consultation.status.${status}`)}</span>
}
