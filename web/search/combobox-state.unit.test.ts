import { describe, expect, it } from 'vitest'
import { CLOSED_COMBOBOX, comboboxReducer, type ComboboxState } from './combobox-state.ts'

/** The state after `actions`, from a closed box. */
const after = (...actions: Parameters<typeof comboboxReducer>[1][]): ComboboxState => actions.reduce(comboboxReducer, CLOSED_COMBOBOX)

describe('comboboxReducer', () => {
  it('opens on new results with no option active, so Enter still searches the text', () => {
    expect(after({ type: 'typed' }, { type: 'results', count: 5 })).toEqual({ open: true, active: -1, count: 5 })
  })

  it('leaves a closed list closed when results come without typing', () => {
    expect(after({ type: 'results', count: 5 })).toEqual({ open: false, active: -1, count: 5 })
    expect(after({ type: 'typed' }, { type: 'results', count: 5 }, { type: 'close' }, { type: 'results', count: 2 }).open).toBe(false)
  })

  it('moves down from the text to the first option and wraps from the last to the first', () => {
    expect(after({ type: 'results', count: 3 }, { type: 'next' }).active).toBe(0)
    expect(after({ type: 'results', count: 3 }, { type: 'next' }, { type: 'next' }, { type: 'next' }).active).toBe(2)
    expect(after({ type: 'results', count: 3 }, { type: 'next' }, { type: 'next' }, { type: 'next' }, { type: 'next' }).active).toBe(0)
  })

  it('moves up from the text to the last option and wraps from the first to the last', () => {
    expect(after({ type: 'results', count: 3 }, { type: 'previous' }).active).toBe(2)
    expect(after({ type: 'results', count: 3 }, { type: 'next' }, { type: 'previous' }).active).toBe(2)
  })

  it('reopens a closed list with ArrowDown on the first option and ArrowUp on the last', () => {
    expect(after({ type: 'results', count: 4 }, { type: 'close' }, { type: 'next' })).toEqual({ open: true, active: 0, count: 4 })
    expect(after({ type: 'results', count: 4 }, { type: 'close' }, { type: 'previous' })).toEqual({ open: true, active: 3, count: 4 })
  })

  it('jumps to the first and last option with Home and End only while an option is active', () => {
    const browsing = after({ type: 'results', count: 6 }, { type: 'next' }, { type: 'next' })
    expect(comboboxReducer(browsing, { type: 'first' }).active).toBe(0)
    expect(comboboxReducer(browsing, { type: 'last' }).active).toBe(5)
    const typing = after({ type: 'results', count: 6 })
    expect(comboboxReducer(typing, { type: 'first' })).toBe(typing)
  })

  it('closes on Escape and forgets the active option', () => {
    expect(after({ type: 'results', count: 2 }, { type: 'next' }, { type: 'close' })).toEqual({ open: false, active: -1, count: 2 })
  })

  it('follows the pointer, and ignores a pointer beyond the options', () => {
    expect(after({ type: 'results', count: 3 }, { type: 'point', index: 1 }).active).toBe(1)
    expect(after({ type: 'results', count: 3 }, { type: 'point', index: 7 }).active).toBe(-1)
  })

  it('does nothing with the arrows when there is nothing to choose', () => {
    expect(after({ type: 'results', count: 0 }, { type: 'next' })).toEqual({ open: false, active: -1, count: 0 })
    expect(after({ type: 'typed' }, { type: 'results', count: 0 }, { type: 'next' })).toEqual({ open: true, active: -1, count: 0 })
    expect(after({ type: 'results', count: 0 }, { type: 'previous' }).active).toBe(-1)
  })

  it('starts again with no option active when the text changes or fewer results come', () => {
    expect(after({ type: 'results', count: 3 }, { type: 'next' }, { type: 'typed' }).active).toBe(-1)
    expect(after({ type: 'results', count: 3 }, { type: 'previous' }, { type: 'results', count: 1 }).active).toBe(-1)
  })
})
