import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { FieldCity } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { FieldAreaRange, FieldChoice, FieldChoices, FieldTyped } from './FilterFields.tsx'
import type { FilterValues, InvestmentFilter } from './list-view.ts'
import { DEALS, INVESTMENT_KINDS, INVESTMENT_STATUSES } from './property-api.ts'
import type { AreaUnit } from './property-format.ts'
import { PURPOSE_SECTIONS } from './purposes.ts'

/** Props of {@link InvestmentFilters}. */
export interface InvestmentFiltersProps {
  cities: readonly City[]
  cityId: string | undefined
  districts: ReadonlyArray<{ id: number; name: string }>
  filters: FilterValues<InvestmentFilter>
  areaUnit: AreaUnit
  language: Language
  onCityChange(cityId: string): void
  onChange(patch: FilterValues<InvestmentFilter>): void
  onAreaUnitChange(unit: AreaUnit): void
  /** The drawn-area controls, which talk to the map. */
  children?: ReactNode
}

/** The purpose sections as options: "03 · Public buildings". */
export function purposeOptions(t: TFunction) {
  return PURPOSE_SECTIONS.map((section) => ({ value: section, label: `${section} · ${t(`property.purposes.${section}`)}` }))
}

/** Reads a price ceiling typed in whole hryvnias (spaces between thousands allowed). */
function readPrice(t: TFunction) {
  return (text: string): { value: string | undefined } | { error: string } => {
    const digits = text.replace(/[\s\u00a0]/g, '')
    if (digits === '') return { value: undefined }
    return /^\d{1,13}$/.test(digits) ? { value: String(Number(digits)) } : { error: t('property.filters.priceInvalid') }
  }
}

/** The investment map's filters: city, district, kind, area, purpose, status, deal, price ceiling and a drawn area; each applies at once. */
export function InvestmentFilters({ cities, cityId, districts, filters, areaUnit, language, onCityChange, onChange, onAreaUnitChange, children }: InvestmentFiltersProps) {
  const { t } = useTranslation()
  return (
    <form className="property-filters" aria-label={t('property.filters.label')} onSubmit={(e) => e.preventDefault()}>
      <FieldCity cities={cities} cityId={cityId} language={language} onChange={onCityChange} />
      <FieldChoice label={t('property.filters.district')} name="district" options={districts.map((d) => ({ value: String(d.id), label: d.name }))} value={filters.district} onChange={(district) => onChange({ district })} />
      <FieldChoices legend={t('property.filters.kind')} name="kind" options={INVESTMENT_KINDS} value={filters.kind} labelOf={(k) => t(`property.investmentKinds.${k}`)} onChange={(kind) => onChange({ kind })} />
      <FieldAreaRange min={filters.area_min} max={filters.area_max} unit={areaUnit} onUnitChange={onAreaUnitChange} onChange={(range) => onChange(range)} />
      <FieldChoice label={t('property.filters.purpose')} name="purpose" options={purposeOptions(t)} value={filters.purpose} onChange={(purpose) => onChange({ purpose })} />
      <FieldChoices legend={t('property.filters.status')} name="status" options={INVESTMENT_STATUSES} value={filters.status} labelOf={(s) => t(`property.investmentStatuses.${s}`)} onChange={(status) => onChange({ status })} />
      <FieldChoice label={t('property.filters.deal')} name="deal" options={DEALS.map((d) => ({ value: d, label: t(`property.deals.${d}`) }))} value={filters.deal} onChange={(deal) => onChange({ deal })} />
      <FieldTyped label={t('property.filters.priceMax')} hint={t('property.filters.priceHint')} name="price_max" inputMode="numeric" value={filters.price_max} read={readPrice(t)} show={(v) => v ?? ''} onChange={(price_max) => onChange({ price_max })} />
      {children}
    </form>
  )
}
