import { describe, expect, it } from 'vitest'
import { preferredLanguage } from './preferred-language.ts'

describe('the language a visitor reads', () => {
  it('is English when the browser puts English before Ukrainian', () => {
    expect(preferredLanguage(['en-GB', 'en'])).toBe('en')
    expect(preferredLanguage(['de-DE', 'en-US', 'uk'])).toBe('en')
  })

  it('is Ukrainian when Ukrainian comes first, or when the browser reads neither', () => {
    expect(preferredLanguage(['uk-UA', 'en-GB'])).toBe('uk')
    expect(preferredLanguage(['pl-PL', 'de'])).toBe('uk')
    expect(preferredLanguage([])).toBe('uk')
  })

  it('does not take a language that merely starts with the same letters', () => {
    expect(preferredLanguage(['eng-x'])).toBe('uk')
    expect(preferredLanguage(['EN'])).toBe('en')
  })
})
