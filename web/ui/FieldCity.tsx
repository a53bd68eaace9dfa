import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link FieldCity}. */
export interface FieldCityProps {
  cities: readonly City[]
  cityId: string | undefined
  language: Language
  onChange(cityId: string): void
}

/** The city switcher: a labelled select of the platform's cities. */
export function FieldCity({ cities, cityId, language, onChange }: FieldCityProps) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="field-city">{t('city.label')}</label>
      <select
        id="field-city"
        value={cityId ?? ''}
        disabled={cities.length === 0}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        {cities.map((city) => (
          <option key={city.id} value={city.id}>
            {pickText(city.name, language)}
          </option>
        ))}
      </select>
    </div>
  )
}
