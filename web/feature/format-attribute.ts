import type { AttributeType } from '../../api/contract/index.ts'

/** The words a formatted value may need, in the interface language. */
export interface ValueWords {
  yes: string
  no: string
  /** Shown for a missing or empty value. */
  empty: string
}

/**
 * An attribute value as a resident reads it, in `locale`: numbers grouped from five digits up (so
 * years and codes stay as written), booleans as yes/no, ISO dates as local dates. A value that
 * does not match its declared type is shown as it is; a missing one as `words.empty`.
 * @example formatAttributeValue(0.7195, 'number', 'uk-UA', words) // '0,7195'
 */
export function formatAttributeValue(value: unknown, type: AttributeType, locale: string, words: ValueWords): string {
  if (value === null || value === undefined || value === '') return words.empty
  switch (type) {
    case 'number':
    case 'integer':
      return typeof value === 'number' ? formatNumber(value, type, locale) : String(value)
    case 'boolean':
      return typeof value === 'boolean' ? (value ? words.yes : words.no) : String(value)
    case 'date':
      return formatDate(value, locale)
    case 'string':
      return String(value)
  }
}

function formatNumber(value: number, type: 'number' | 'integer', locale: string): string {
  return new Intl.NumberFormat(locale, {
    maximumFractionDigits: type === 'integer' ? 0 : 4,
    useGrouping: 'min2',
  }).format(value)
}

function formatDate(value: unknown, locale: string): string {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) return String(value)
  // Dates without a time are midnight UTC; format them in UTC so they do not shift a day.
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date)
}
