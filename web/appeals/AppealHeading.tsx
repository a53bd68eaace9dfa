import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { AppealStatus } from '../api-client/index.ts'
import { StatusBadge } from './StatusBadge.tsx'

/** The top of an appeal's page, public or staff: category, number, status and other badges. */
export function AppealHeading({ category, number, status, children }: { category: string; number: string; status: AppealStatus; children?: ReactNode }) {
  const { t } = useTranslation()
  return (
    <>
      <p className="appeal__category">{category}</p>
      <h1 id="appeal-heading" className="appeal__heading">
        {t('appeal.heading', { number })}
      </h1>
      <p className="appeal__badges">
        <StatusBadge status={status} />
        {children}
      </p>
    </>
  )
}
