import { useTranslation } from 'react-i18next'
import type { LayerStatus } from '../../api/contract/index.ts'

/** A layer's publication status as a badge: draft (staff only), consultation, approved, archived. */
export function LayerStatusBadge({ status }: { status: LayerStatus }) {
  const { t } = useTranslation()
  return <span className={`layer-status layer-status--${status}`}>{t(`planning.status.${status}`)}</span>
}
