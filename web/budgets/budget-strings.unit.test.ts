import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUDGET_PHASES, IMPLEMENTATION_STATUSES, LAND_OWNERSHIP, PROPOSAL_CATEGORIES, PROPOSAL_STATUSES, RESULT_OUTCOMES } from '../../api/contract/index.ts'
import en from '../i18n/budgets.en.json' with { type: 'json' }
import uk from '../i18n/budgets.uk.json' with { type: 'json' }
import { PROPOSAL_SORTS } from './proposal-list.ts'

/** Every key of a catalogue as a dotted path, plural forms (`_one`, `_few`…) folded into their base key. */
function keysOf(value: unknown, prefix = ''): Set<string> {
  if (typeof value !== 'object' || value === null) return new Set([prefix.replace(/_(zero|one|two|few|many|other)$/, '')])
  return new Set(Object.entries(value).flatMap(([key, child]) => [...keysOf(child, prefix ? `${prefix}.${key}` : key)]))
}

/** The literal `t('budgets.…')` keys the section's components ask for. */
function keysUsed(): string[] {
  const dir = import.meta.dirname
  const sources = readdirSync(dir).filter((f) => f.endsWith('.tsx') || (f.endsWith('.ts') && !f.includes('.test.')))
  return [...new Set(sources.flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/\bt\('(budgets\.[a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!)))]
}

describe('the budget section’s strings', () => {
  it('has the same keys in Ukrainian and English', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(uk)].sort())
  })

  it('has every key the components ask for, in both languages', () => {
    const used = keysUsed()
    expect(used.length).toBeGreaterThan(50)
    expect(used.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(used.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('names every phase, category, status, outcome, kind of land, construction status and order', () => {
    const wanted = [
      ...BUDGET_PHASES.map((x) => `budgets.phases.${x}`),
      ...PROPOSAL_CATEGORIES.map((x) => `budgets.categories.${x}`),
      ...[...PROPOSAL_STATUSES, 'won', 'lost'].map((x) => `budgets.status.${x}`),
      ...RESULT_OUTCOMES.map((x) => `budgets.outcome.${x}`),
      ...LAND_OWNERSHIP.map((x) => `budgets.precheck.ownership.${x}`),
      ...IMPLEMENTATION_STATUSES.map((x) => `budgets.impl.${x}`),
      ...PROPOSAL_SORTS.map((x) => `budgets.list.sorts.${x}`),
    ]
    expect(wanted.filter((key) => !keysOf(uk).has(key))).toEqual([])
  })
})
