import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import en from '../i18n/search.en.json' with { type: 'json' }
import uk from '../i18n/search.uk.json' with { type: 'json' }
import { SEARCH_KINDS } from './search-request.ts'

/** Every key of a catalogue as a dotted path, plural forms (`_one`, `_few`…) folded into their base key. */
function keysOf(value: unknown, prefix = ''): Set<string> {
  if (typeof value !== 'object' || value === null) return new Set([prefix.replace(/_(zero|one|two|few|many|other)$/, '')])
  return new Set(Object.entries(value).flatMap(([key, child]) => [...keysOf(child, prefix ? `${prefix}.${key}` : key)]))
}

/** The literal `t('search.…')` keys the search's components ask for. */
function keysUsed(): string[] {
  const sources = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.tsx')).map((f) => join(import.meta.dirname, f))
  return [...new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('(search\.[a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!)))]
}

describe('the search strings', () => {
  it('has the same keys in Ukrainian and English', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(uk)].sort())
  })

  it('has every key the components ask for, in both languages', () => {
    const used = keysUsed()
    expect(used.length).toBeGreaterThan(15)
    expect(used.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(used.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('names every kind of result as residents know it', () => {
    expect(SEARCH_KINDS.map((kind) => uk.search.kind[kind])).toEqual(['Адреса', 'Вулиця', 'Ділянка', 'Звернення', 'Район', 'Шар', 'Об’єкт', 'Проєкт бюджету', 'Консультація'])
    expect(SEARCH_KINDS.map((kind) => en.search.kind[kind])).toEqual(['Address', 'Street', 'Parcel', 'Appeal', 'District', 'Layer', 'Object', 'Budget project', 'Consultation'])
  })

  it('counts results in Ukrainian plural forms', () => {
    expect([uk.search.results_one, uk.search.results_few, uk.search.results_many]).toEqual(['{{count}} результат', '{{count}} результати', '{{count}} результатів'])
  })
})
