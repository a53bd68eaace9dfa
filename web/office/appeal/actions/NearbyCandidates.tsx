import { useTranslation } from 'react-i18next'
import { NearbyAppealsSchema, type OfficeAppeal } from '../../../api-client/index.ts'
import { StatusBadge } from '../../../appeals/index.ts'
import { useApiResource } from '../../../hooks/index.ts'

/** Props of {@link NearbyCandidates}. */
export interface NearbyCandidatesProps {
  appeal: OfficeAppeal
  location: { lon: number; lat: number }
  onPick(number: string): void
}

/** Open appeals of the same category near this one (`GET /api/appeals/nearby`), each a possible original. */
export function NearbyCandidates({ appeal, location, onPick }: NearbyCandidatesProps) {
  const { t } = useTranslation()
  const params = new URLSearchParams({ lat: String(location.lat), lon: String(location.lon), category: appeal.category.id })
  const nearby = useApiResource(`/api/appeals/nearby?${params}`, NearbyAppealsSchema)
  if (nearby.status !== 'ready') return null
  const others = nearby.data.appeals.filter((other) => other.number !== appeal.number)
  return (
    <fieldset className="field-stack office-candidates">
      <legend>{t('office.action.merge.nearby')}</legend>
      {others.length === 0 ? (
        <p className="field-hint">{t('office.action.merge.noneNearby')}</p>
      ) : (
        <ul>
          {others.map((other) => (
            <li key={other.number}>
              <p>
                <strong>{other.number}</strong> <StatusBadge status={other.status} /> {t('office.action.merge.distance', { metres: Math.round(other.distance_m) })}
              </p>
              <p className="office-table__excerpt">{other.description}</p>
              <button type="button" className="button button--small button--secondary" onClick={() => onPick(other.number)} aria-label={t('office.action.merge.pickNamed', { number: other.number })}>
                {t('office.action.merge.pick')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  )
}
