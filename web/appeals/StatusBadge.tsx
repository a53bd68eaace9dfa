import { useTranslation } from 'react-i18next'
import type { AppealStatus } from '../api-client/index.ts'

/** An appeal's status as a coloured label; colour is never the only cue, the word is always there. */
export function StatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useTranslation()
  return <span className={`status-badge status-badge--${status}`}>{t(`appealStatus.${status}`)}</span>
}
