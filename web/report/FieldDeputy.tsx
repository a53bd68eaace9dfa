import { useTranslation } from 'react-i18next'
import { DeputyAtSchema, type Deputy } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import type { ReportLocation } from './report-draft.ts'

/**
 * The deputy of the electoral district holding the chosen point; undefined while it loads, when
 * there is no point, outside every district (a 404) or when the seat is vacant.
 */
export function useDistrictDeputy(cityId: string, location: ReportLocation | undefined): Deputy | undefined {
  const query = location && new URLSearchParams({ city: cityId, lon: String(location.lon), lat: String(location.lat) })
  const found = useApiResource(query ? `/api/deputies/at?${query}` : undefined, DeputyAtSchema)
  return found.status === 'ready' ? (found.data.deputy ?? undefined) : undefined
}

/** Props of {@link FieldDeputy}. */
export interface FieldDeputyProps {
  cityId: string
  location: ReportLocation | undefined
  checked: boolean
  onChange(checked: boolean): void
}

/**
 * "Address it to the district's deputy": a checkbox naming the deputy and the district, shown
 * only where the point has a deputy, so the resident is never offered what the API would refuse.
 */
export function FieldDeputy({ cityId, location, checked, onChange }: FieldDeputyProps) {
  const { t } = useTranslation()
  const deputy = useDistrictDeputy(cityId, location)
  if (!deputy) return null
  return (
    <div className="report-deputy">
      <label className="choice">
        <input type="checkbox" checked={checked} onChange={(event) => onChange(event.currentTarget.checked)} aria-describedby="report-deputy-hint" />
        <span>{t('deputies.addressDeputy')}</span>
      </label>
      <p id="report-deputy-hint" className="field-hint">
        {t('deputies.addressDeputyHint', { district: deputy.district.name, name: deputy.name })}
      </p>
    </div>
  )
}
