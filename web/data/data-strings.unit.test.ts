import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { UPDATE_FREQUENCIES } from '../../api/contract/index.ts'
import en from '../i18n/data.en.json' with { type: 'json' }
import uk from '../i18n/data.uk.json' with { type: 'json' }
import { dataUseSnippets } from './use-snippets.ts'

/** Every key of a catalogue as a dotted path, plural forms (`_one`, `_few`…) folded into their base key. */
function keysOf(value: unknown, prefix = ''): Set<string> {
  if (typeof value !== 'object' || value === null) return new Set([prefix.replace(/_(zero|one|two|few|many|other)$/, '')])
  return new Set(Object.entries(value).flatMap(([key, child]) => [...keysOf(child, prefix ? `${prefix}.${key}` : key)]))
}

/** The literal `t('data.…')` keys the pages ask for, and the keys they build from closed lists. */
function keysUsed(): string[] {
  const sources = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.tsx')).map((f) => join(import.meta.dirname, f))
  const literal = sources.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/\bt\('(data\.[a-zA-Z0-9_.-]+)'/g)].map((m) => m[1]!))
  const snippets = dataUseSnippets('http://x', { id: 'a-b', city: 'a', tilejson: 'http://x/t.json' })
  const built = [
    ...UPDATE_FREQUENCIES.map((f) => `data.frequency.${f}`),
    ...snippets.map((s) => `data.use.snippet.${s.caption}`),
    ...snippets.map((s) => `data.use.tool.${s.tool}`),
  ]
  return [...new Set([...literal, ...built])]
}

describe('the open-data strings', () => {
  it('has the same keys in Ukrainian and English', () => {
    expect([...keysOf(en)].sort()).toEqual([...keysOf(uk)].sort())
  })

  it('has every key the pages ask for, in both languages', () => {
    const used = keysUsed()
    expect(used.length).toBeGreaterThan(40)
    expect(used.filter((key) => !keysOf(uk).has(key))).toEqual([])
    expect(used.filter((key) => !keysOf(en).has(key))).toEqual([])
  })

  it('counts datasets in Ukrainian plural forms', () => {
    expect([uk.data.count_one, uk.data.count_few, uk.data.count_many]).toEqual(['{{count}} набір даних', '{{count}} набори даних', '{{count}} наборів даних'])
  })
})
