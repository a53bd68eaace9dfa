import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SWITCHED_OFF, WORK_KINDS, WORK_STATUSES, WORK_TYPES } from '../../api/contract/index.ts'
import en from '../i18n/works.en.json' with { type: 'json' }
import uk from '../i18n/works.uk.json' with { type: 'json' }
import { AGENDA_SECTIONS } from './works-agenda.ts'

/** Every key of a catalogue as a dotted path, plural forms (`_one`, `_few`…) folded into their base key. */
function keysOf(value: unknown, prefix = ''): Set<string> {
  if (typeof value !== 'object' || value === null) return new Set([prefix.replace(/_(zero|one|two|few|many|other)$/, '')])
  return new Set(Object.entries(value).flatMap(([key, child]) => [...keysOf(child, prefix ? `${prefix}.${key}` : key)]))
}

/** The literal `t('works.…')` keys the works pages, the map page and the property section's navigation ask for. */
function keysUsed(): string[] {
  const dirs = [import.meta.dirname, join(import.meta.dirname, '../components'), join(import.meta.dirname, '../property')]
  const sources = dirs.flatMap((dir) => readdirSync(dir).filter((f) => f.endsWith('.tsx') || (f.endsWith('.ts') && !f.includes('.test.'))).map((f) => join(dir, f)))
  return [...new Set(sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('(works\.[a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!)))]
}

describe('the works strings', () => {
  it('has the same keys in Ukrainian and English', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(uk)].sort())
  })

  it('has every key the components ask for, in both languages', () => {
    const used = keysUsed()
    expect(used.length).toBeGreaterThan(50)
    expect(used.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(used.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('names every kind, status, kind of work, service and part of the calendar', () => {
    const wanted = [
      ...WORK_KINDS.map((x) => `works.kinds.${x}`),
      ...WORK_STATUSES.map((x) => `works.statuses.${x}`),
      ...WORK_TYPES.map((x) => `works.types.${x}`),
      ...SWITCHED_OFF.map((x) => `works.switchedOff.${x}`),
      ...AGENDA_SECTIONS.map((x) => `works.sections.${x}`),
    ]
    expect(wanted.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(wanted.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('says the calendar link and the map toggle as residents are told to look for them', () => {
    expect([uk.works.calendar, en.works.calendar]).toEqual(['Підписатися в календарі', 'Add to calendar'])
    expect([uk.works.map.nowOnly, en.works.map.nowOnly]).toEqual(['лише зараз', 'now only'])
    expect([uk.works.subscribe.heading, en.works.subscribe.heading]).toEqual(['Повідомляти мені про роботи', 'Tell me about works'])
  })
})
