import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONDITIONS, DEALS, INVESTMENT_KINDS, INVESTMENT_STATUSES, PROPERTY_KINDS, PROPERTY_STATUSES, UTILITIES } from '../../api/contract/index.ts'
import en from '../i18n/property.en.json' with { type: 'json' }
import uk from '../i18n/property.uk.json' with { type: 'json' }
import { AREA_UNITS } from './property-format.ts'
import { PURPOSE_SECTIONS } from './purposes.ts'

/** Every key of a catalogue as a dotted path, plural forms (`_one`, `_few`…) folded into their base key. */
function keysOf(value: unknown, prefix = ''): Set<string> {
  if (typeof value !== 'object' || value === null) return new Set([prefix.replace(/_(zero|one|two|few|many|other)$/, '')])
  return new Set(Object.entries(value).flatMap(([key, child]) => [...keysOf(child, prefix ? `${prefix}.${key}` : key)]))
}

/** The literal `t('property.…')` and `t('objectReport.…')` keys the section's files and the map's report button ask for. */
function keysUsed(): string[] {
  const dirs = [import.meta.dirname, join(import.meta.dirname, '../components'), join(import.meta.dirname, '../report')]
  const sources = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.tsx') || (f.endsWith('.ts') && !f.includes('.test.'))).map((f) => join(dir, f)))
  return [...new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('((?:property|objectReport)\.[a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!)))]
}

describe('the property section’s strings', () => {
  it('has the same keys in Ukrainian and English', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(uk)].sort())
  })

  it('has every key the components ask for, in both languages', () => {
    const used = keysUsed()
    expect(used.length).toBeGreaterThan(80)
    expect(used.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(used.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('names every kind, status, deal, condition, utility, unit and purpose section the contract and the filters have', () => {
    const wanted = [
      ...PROPERTY_KINDS.map((x) => `property.kinds.${x}`),
      ...PROPERTY_STATUSES.map((x) => `property.statuses.${x}`),
      ...INVESTMENT_KINDS.map((x) => `property.investmentKinds.${x}`),
      ...INVESTMENT_STATUSES.map((x) => `property.investmentStatuses.${x}`),
      ...DEALS.flatMap((x) => [`property.deals.${x}`, `property.investment.price.${x}`, `property.investment.startPrice.${x}`]),
      ...CONDITIONS.map((x) => `property.conditions.${x}`),
      ...UTILITIES.map((x) => `property.utilities.${x}`),
      ...AREA_UNITS.map((x) => `property.units.${x}`),
      ...PURPOSE_SECTIONS.map((x) => `property.purposes.${x}`),
      ...['staff', 'import', 'demo'].map((x) => `property.sources.${x}`),
    ]
    expect(wanted.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(wanted.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('says the report button’s words exactly as residents are told to look for them', () => {
    expect(uk.objectReport.button).toBe("Повідомити про проблему з цим об'єктом")
    expect(en.objectReport.button).toBe('Report a problem with this object')
    expect(uk.property.object.report).toBe(uk.objectReport.button)
  })
})
