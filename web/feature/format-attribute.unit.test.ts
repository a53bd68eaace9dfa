import { describe, expect, it } from 'vitest'
import { formatAttributeValue } from './format-attribute.ts'

const words = { yes: 'так', no: 'ні', empty: '—' }

describe('formatAttributeValue', () => {
  it('groups large numbers but leaves years and codes as written', () => {
    expect(formatAttributeValue(12650, 'integer', 'uk-UA', words)).toBe('12\u00a0650') // a no-break space
    expect(formatAttributeValue(2019, 'integer', 'uk-UA', words)).toBe('2019')
  })

  it('writes decimals with the locale separator', () => {
    expect(formatAttributeValue(0.7195, 'number', 'uk-UA', words)).toBe('0,7195')
    expect(formatAttributeValue(0.7195, 'number', 'en-GB', words)).toBe('0.7195')
  })

  it('shows a missing or empty value as the empty word', () => {
    expect(formatAttributeValue(null, 'string', 'uk-UA', words)).toBe('—')
    expect(formatAttributeValue(undefined, 'date', 'uk-UA', words)).toBe('—')
    expect(formatAttributeValue('', 'string', 'uk-UA', words)).toBe('—')
  })

  it('writes booleans as yes or no', () => {
    expect(formatAttributeValue(true, 'boolean', 'uk-UA', words)).toBe('так')
  })

  it('formats an ISO date without shifting the day', () => {
    expect(formatAttributeValue('2017-03-01', 'date', 'en-GB', words)).toBe('1 Mar 2017')
  })

  it('shows a value that does not match its type as it is', () => {
    expect(formatAttributeValue('n/a', 'number', 'uk-UA', words)).toBe('n/a')
    expect(formatAttributeValue('someday', 'date', 'uk-UA', words)).toBe('someday')
  })
})
