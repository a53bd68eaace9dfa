/**
 * The key a register address and an address point are matched by: the street's own name and the
 * house number, without the street type, the city, the postcode or the district, so that
 * "м. Київ, вул. Межигірська, 22" and "Межигірська вулиця, 22" meet, and so do "бульв. Академіка
 * Вернадського, 16-В" and "бульв.Вернадського Академіка, 16В"; "Межигірська, 22" and
 * "Межигірська, 22А" do not. Folding is the address search's own (`foldAddress`).
 */
import { foldAddress } from '../../../layers/index.ts'

/** Street types as addresses write them, full and shortened; they say nothing about which street. */
const STREET_TYPES = new Set([
  'вулиця', 'вул', 'вулиці', 'проспект', 'просп', 'пр', 'прт', 'пркт', 'провулок', 'пров', 'бульвар', 'бульв', 'бр',
  'площа', 'пл', 'узвіз', 'шосе', 'набережна', 'наб', 'майдан', 'проїзд', 'тупик', 'алея', 'спуск', 'дорога', 'street',
  'st', 'avenue', 'ave', 'lane', 'boulevard', 'square',
])
/** Words that introduce a settlement, a district or a region: such a part of an address is dropped. */
const PLACE_WORDS = new Set(['м', 'місто', 'смт', 'с', 'село', 'селище', 'район', 'р', 'рн', 'область', 'обл', 'україна', 'ukraine', 'city'])
/** Words before a house number, and the parts after it that name a room, not a house. */
const HOUSE_WORDS = new Set(['буд', 'будинок', 'б', 'house', 'no', 'n', '№'])
const ROOM_WORDS = /^(?:кв|квартира|прим|приміщення|оф|офіс|корп|корпус|літ|літера|секція|поверх)$/u

/**
 * The match key of an address (`межигірська|22`), or undefined when it has no street or no house
 * number. `cityNames` are the city's own names, dropped wherever they stand.
 * @example addressKey('м. Київ, вул. Межигірська, буд. 22-А', ['Київ']) // 'межигірська|22а'
 */
export function addressKey(address: string, cityNames: readonly string[]): string | undefined {
  const cities = new Set(cityNames.map((name) => foldAddress(name)))
  // Shortened street types with a hyphen ("пр-т", "б-р") lose it before folding, or they split in two.
  const parts = address
    .replace(/(^|[\s,.])(пр|б|пр-к)-(т|р)\.?(?=[\s,.]|$)/giu, '$1$2$3 ')
    .replace(/\./g, '. ')
    .split(/[,;]/)
  let street: string[] | undefined
  for (const raw of parts) {
    const words = foldAddress(raw).split(' ').filter(Boolean)
    if (words.length === 0 || cities.has(words.join(' '))) continue
    if (/^\d{5}$/.test(words.join(''))) continue // a postcode
    if (words.some((word) => PLACE_WORDS.has(word)) && !words.some((word) => STREET_TYPES.has(word))) continue
    if (street === undefined) {
      // "вул. Хрещатик 22" carries its house in the same part; "39-та Садова" starts with a digit but is a name.
      const trailing = trailingHouse(words)
      const name = (trailing ? words.slice(0, trailing.from) : words).filter((word) => !STREET_TYPES.has(word) && !PLACE_WORDS.has(word) && !HOUSE_WORDS.has(word) && !cities.has(word))
      if (name.length === 0 || name.every((word) => /^\d+$/.test(word))) continue
      // Word order varies ("Академіка Вернадського", "Вернадського Академіка"): the key sorts it away.
      street = name.sort()
      if (trailing) return `${street.join(' ')}|${trailing.house}`
      continue
    }
    const numberAt = words.findIndex((word) => /^\d/.test(word))
    if (numberAt === -1 || !words.slice(0, numberAt).every((word) => HOUSE_WORDS.has(word))) {
      if (words.some((word) => ROOM_WORDS.test(word))) return undefined // a room before any house number
      continue
    }
    const rest = words.slice(numberAt)
    const roomAt = rest.findIndex((word) => ROOM_WORDS.test(word))
    const house = houseNumber(roomAt === -1 ? rest : rest.slice(0, roomAt))
    return house ? `${street.join(' ')}|${house}` : undefined
  }
  return undefined
}

/** The house number ending a part's words (`хрещатик 22`, `садова 1 д`), with where it starts: the longest that reads as one. */
function trailingHouse(words: readonly string[]): { from: number; house: string } | undefined {
  for (let from = Math.max(1, words.length - 5); from < words.length; from++) {
    const house = houseNumber(words.slice(from))
    const before = words.slice(0, from).filter((word) => !HOUSE_WORDS.has(word))
    if (house && before.length > 0) return { from, house }
  }
  return undefined
}

const NUMBER = /^\d{1,4}\p{L}?$/u
const LETTER = /^\p{L}$/u
/** A building of a house ("к1", "к 1", "корп 1"): left out on both sides, as the register's "корп." is. */
const BUILDING = /^(?:к|корп|корпус)(\d{1,3})?$/u

/**
 * The words of a house number as one: `22` → `22`, `22 а` → `22а`, `5 7` (from `5/7`) → `5/7`,
 * `8 15б` → `8/15б`, `5 1 а` → `5/1а`, `21 к1` → `21`. Undefined unless every word is part of it.
 */
function houseNumber(words: readonly string[]): string | undefined {
  let at = 0
  const part = (): string | undefined => {
    const number = words[at]
    if (number === undefined || !NUMBER.test(number)) return undefined
    at++
    if (/^\d+$/.test(number) && words[at] !== undefined && LETTER.test(words[at]!) && !BUILDING.test(words[at]!)) return number + words[at++]
    return number
  }
  const first = part()
  if (first === undefined) return undefined
  const second = part()
  const building = words[at] === undefined ? undefined : BUILDING.exec(words[at]!)
  if (building) at += building[1] === undefined && words[at + 1] !== undefined && /^\d{1,3}$/.test(words[at + 1]!) ? 2 : 1
  if (at !== words.length) return undefined
  return second === undefined ? first : `${first}/${second}`
}
