import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { FieldCity } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldAreaRange, FieldChoice, FieldChoices, FieldTyped } from './FilterFields.tsx'
import { purposeOptions } from './InvestmentFilters.tsx'
import type { FilterValues, PropertyFilter } from './list-view.ts'
import { PROPERTY_KINDS, PROPERTY_STATUSES } from './property-api.ts'
import type { AreaUnit } from './property-format.ts'

/** Props of {@link PropertyFilters}. */
export interface PropertyFiltersProps {
  cities: readonly City[]
  cityId: string | undefined
  districts: ReadonlyArray<{ id: number; name: string }>
  filters: FilterValues<PropertyFilter>
  areaUnit: AreaUnit
  language: Language
  onCityChange(cityId: string): void
  onChange(patch: FilterValues<PropertyFilter>): void
  onAreaUnitChange(unit: AreaUnit): void
}

/** Reads the text search: up to 100 characters, blank for none. */
function readQuery(text: string): { value: string | undefined } | { error: string } {
  const trimmed = text.trim()
  return { value: trimmed === '' ? undefined : trimmed.slice(0, 100) }
}

/** The register's filters: city, text, kind, status, district, area and purpose; each applies at once. */
export function PropertyFilters({ cities, cityId, districts, filters, areaUnit, language, onCityChange, onChange, onAreaUnitChange }: PropertyFiltersProps) {
  const { t } = useTranslation()
  return (
    <form className="property-filters" role="search" aria-label={t('property.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <FieldCity cities={cities} cityId={cityId} language={language} onChange={onCityChange} />
      <FieldTyped label={t('property.filters.q')} hint={t('property.filters.qHint')} name="q" inputMode="search" value={filters.q} read={readQuery} show={(v) => v ?? ''} onChange={(q) => onChange({ q })} />
      <FieldChoices legend={t('property.filters.kind')} name="kind" options={PROPERTY_KINDS} value={filters.kind} labelOf={(k) => t(`property.kinds.${k}`)} onChange={(kind) => onChange({ kind })} />
      <FieldChoices legend={t('property.filters.status')} name="status" options={PROPERTY_STATUSES} value={filters.status} labelOf={(s) => t(`property.statuses.${s}`)} onChange={(status) => onChange({ status })} />
      <FieldChoice label={t('property.filters.district')} name="district" options={districts.map((d) => ({ value: String(d.id), label: d.name }))} value={filters.district} onChange={(district) => onChange({ district })} />
      <FieldAreaRange min={filters.area_min} max={filters.area_max} unit={areaUnit} onUnitChange={onAreaUnitChange} onChange={(range) => onChange(range)} />
      <FieldChoice label={t('property.filters.purpose')} name="purpose" options={purposeOptions(t)} value={filters.purpose} onChange={(purpose) => onChange({ purpose })} />
    </form>
  )
}
