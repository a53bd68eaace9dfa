import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** How the investor types an area: square metres, or hectares. */
export type AreaUnit = 'm2' | 'ha'
export const AREA_UNITS: readonly AreaUnit[] = ['m2', 'ha']

const SQUARE_METRES_PER_HECTARE = 10_000

/** The unit words, the same in every sentence: the number formatter has no square metre. */
const UNIT_WORDS: Record<Language, { m2: string; ha: string; m: string; km: string }> = {
  uk: { m2: 'м²', ha: 'га', m: 'м', km: 'км' },
  en: { m2: 'm²', ha: 'ha', m: 'm', km: 'km' },
}

const number = (value: number, language: Language, digits: number) => new Intl.NumberFormat(LOCALE_OF[language], { maximumFractionDigits: digits }).format(value)

/**
 * An area as people read it: land (a plot, a brownfield site) of a hectare or more in hectares,
 * anything smaller and every room or building in square metres.
 * @example formatArea(25_000, 'land', 'en') // '2.5 ha'
 */
export function formatArea(squareMetres: number, kind: string, language: Language): string {
  const words = UNIT_WORDS[language]
  const isLand = kind === 'land' || kind === 'brownfield'
  if (isLand && squareMetres >= SQUARE_METRES_PER_HECTARE) return `${number(squareMetres / SQUARE_METRES_PER_HECTARE, language, 4)} ${words.ha}`
  return `${number(squareMetres, language, 1)} ${words.m2}`
}

/** Whole hryvnias with the ₴ sign and thousands separators, e.g. "₴1,234,567" or "1 234 567 ₴". */
export function formatHryvnias(amount: number, language: Language): string {
  return new Intl.NumberFormat(LOCALE_OF[language], { style: 'currency', currency: 'UAH', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0 }).format(amount)
}

/** A calendar day (`YYYY-MM-DD`) in words; read in UTC so no time zone moves it to the day before. */
export function formatDate(isoDate: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`))
}

/** A distance: metres up to a kilometre, then kilometres to a tenth. */
export function formatDistance(metres: number, language: Language): string {
  const words = UNIT_WORDS[language]
  return metres < 1000 ? `${number(metres, language, 0)} ${words.m}` : `${number(metres / 1000, language, 1)} ${words.km}`
}

/** The first and last line a page shows, and how many there are, as numbers in the language: "1", "100", "12,650". */
export function pageRange(offset: number, returned: number, matched: number, language: Language): { from: string; to: string; total: string } {
  const from = returned === 0 ? 0 : offset + 1
  return { from: number(from, language, 0), to: number(offset + returned, language, 0), total: number(matched, language, 0) }
}

/**
 * An area the investor typed, in square metres (what the API takes): a decimal comma or point,
 * spaces between thousands. Undefined when blank; NaN when it is not a non-negative number.
 */
export function parseAreaInput(text: string, unit: AreaUnit): number | undefined {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.')
  if (cleaned === '') return undefined
  const value = /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN
  return unit === 'ha' ? Math.round(value * SQUARE_METRES_PER_HECTARE * 100) / 100 : value
}

/** Square metres from the URL shown in the unit the investor types in ('' when unset). */
export function showAreaInput(squareMetres: string | undefined, unit: AreaUnit): string {
  if (squareMetres === undefined) return ''
  const value = Number(squareMetres)
  return String(unit === 'ha' ? value / SQUARE_METRES_PER_HECTARE : value)
}
