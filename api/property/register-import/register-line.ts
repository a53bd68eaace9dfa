/**
 * One line of a register spreadsheet checked and turned into the values of a property object:
 * numbers with a decimal comma, the cadastral number's format, the ЄДРПОУ, the lease status and
 * the condition read from the words registers use, and the privacy rule applied to users and
 * lessees: a person's name never leaves this function.
 */
import type { CONDITIONS, PropertyKind, PropertyStatus, Utility } from '../../contract/index.ts'
import { isOrganisationName } from './organisation-name.ts'
import type { RegisterField } from './register-columns.ts'
import { foldHeader } from './register-columns.ts'

type PropertyCondition = (typeof CONDITIONS)[number]

/** A register line ready to be placed and written. */
export interface RegisterLine {
  line: number
  registerId: string
  kind: PropertyKind
  name: string | null
  cadastralNumber: string | null
  inventoryNumber: string | null
  edrpou: string | null
  holderName: string | null
  ownerName: string | null
  userKind: 'organisation' | 'person' | null
  userName: string | null
  nk018Class: string | null
  purposeCode: string | null
  purpose: string | null
  areaM2: number | null
  normativeValue: number | null
  rightsRegistration: string | null
  condition: PropertyCondition | null
  utilities: Utility[]
  status: PropertyStatus
  lesseeKind: 'organisation' | 'person' | null
  lesseeName: string | null
  leasedFrom: string | null
  leasedUntil: string | null
  auctionLotId: string | null
  address: string | null
}

/** Why a line was not written: the field (a column of `property_objects`) and what is wrong. */
export interface LineRejection {
  line: number
  field: string
  message: string
}

/** A line read: the values, or the reasons it is refused; warnings either way. */
export type LineReading = { ok: true; value: RegisterLine; warnings: string[] } | { ok: false; rejections: LineRejection[]; warnings: string[] }

const CADASTRAL = /^\d{10}:\d{2}:\d{3}:\d{4}$/

/**
 * A number as registers write it: spaces (also non-breaking) as thousands separators, a decimal
 * comma or point (`1 234,5`, `1234.5`), or a workbook's exponent (`1.5E-2`). Null for an empty cell, NaN for text that is not a number.
 */
export function parseRegisterNumber(text: string): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '')
  if (compact === '') return null
  // Workbooks store numbers as JavaScript writes them, tiny ones with an exponent (`1.5E-2`).
  if (!/^-?\d+(?:[.,]\d+)?(?:[eE][-+]?\d+)?$/.test(compact)) return Number.NaN
  return Number(compact.replace(',', '.'))
}

const limited = (text: string | undefined, max: number): string | null => {
  const trimmed = (text ?? '').replace(/\s+/g, ' ').trim()
  return trimmed === '' ? null : trimmed.slice(0, max)
}

/** Lease words to statuses, the most specific first: "не використовується" is free, not in use. */
const STATUS_WORDS: Array<[RegExp, PropertyStatus]> = [
  [/не підляга\p{L}* оренд|не для оренди|not for lease/u, 'not_for_lease'],
  [/перелік\p{L}* (?:першого|1|i) типу|перелік\p{L}* 1|перш\p{L}* тип|list 1/u, 'list_1'],
  [/перелік\p{L}* (?:другого|2|ii) типу|перелік\p{L}* 2|друг\p{L}* тип|list 2/u, 'list_2'],
  [/аукціон|auction/u, 'at_auction'],
  [/оренд|leased/u, 'leased'],
  [/вільн|не використову|vacant|free/u, 'free'],
  [/використову|користуванні|in use/u, 'in_use'],
]

/** The status a lease column names; undefined when its words are unknown. Empty is `in_use`. */
export function parseStatus(text: string): PropertyStatus | undefined {
  const folded = foldHeader(text)
  if (folded === '') return 'in_use'
  return STATUS_WORDS.find(([pattern]) => pattern.test(folded))?.[1]
}

const CONDITION_WORDS: Array<[RegExp, PropertyCondition]> = [
  [/аварійн|emergency/u, 'emergency'],
  [/незадовільн|потребує|поган|poor/u, 'poor'],
  [/задовільн|satisfactory/u, 'satisfactory'],
  [/добр|гарн|відмінн|справн|good/u, 'good'],
]

const UTILITY_WORDS: Array<[RegExp, Utility]> = [
  [/каналізац|водовідвед|sewer/u, 'sewerage'],
  [/вод(?!овідвед)|water/u, 'water'],
  [/електр|power|electric/u, 'power'],
  [/газ|gas/u, 'gas'],
  [/опален|тепл|heating/u, 'heating'],
]

const KIND_WORDS: Array<[RegExp, PropertyKind]> = [
  [/земел|ділянк|земля|land|parcel/u, 'land'],
  [/приміщ|premises/u, 'premises'],
  [/будів|будин|споруд|building/u, 'building'],
]

/** `31.12.2030`, `2030-12-31`, or an Excel day number (`47848`) as `YYYY-MM-DD`; null when none of these. */
export function parseRegisterDate(text: string): string | null {
  const value = text.trim()
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value)
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  let date: Date | undefined
  if (dotted) date = new Date(Date.UTC(Number(dotted[3]), Number(dotted[2]) - 1, Number(dotted[1])))
  else if (iso) date = new Date(Date.UTC(Number(iso[1]), Number(iso[2]) - 1, Number(iso[3])))
  // Excel counts days from 1899-12-30 (its 1900 leap-year bug included).
  else if (/^\d{5}$/.test(value)) date = new Date(Date.UTC(1899, 11, 30) + Number(value) * 86_400_000)
  if (!date || Number.isNaN(date.getTime())) return null
  const text10 = date.toISOString().slice(0, 10)
  // `31.02.2030` rolls over to March in Date; a date that does not round-trip did not exist.
  if (dotted && Number(text10.slice(8, 10)) !== Number(dotted[1])) return null
  return text10
}

/** `2.1` → `02.01`; null for a code that is not a КВЦПЗ section or subsection. */
function purposeCodeOf(text: string): string | null {
  const match = /^(\d{1,2})(?:\.(\d{1,2}))?$/.exec(text.trim())
  if (!match) return null
  return match[2] === undefined ? match[1]!.padStart(2, '0') : `${match[1]!.padStart(2, '0')}.${match[2].padStart(2, '0')}`
}

/**
 * A user's or lessee's kind and the name to store: an organisation keeps its name, a person is
 * recorded as a person with no name ({@link isOrganisationName}).
 */
function partyOf(text: string | undefined): { kind: 'organisation' | 'person' | null; name: string | null } {
  const name = limited(text, 300)
  if (name === null) return { kind: null, name: null }
  return isOrganisationName(name) ? { kind: 'organisation', name } : { kind: 'person', name: null }
}

/**
 * Reads one line with the file's `columns`. A user, lessee or owner that is not an
 * organisation is recorded without its name. Refuses (with the field and the reason) a line with
 * no register id, no cadastral number and no inventory number; an area or value that is not a
 * number; a malformed cadastral number; an inventory number without the balance holder's
 * ЄДРПОУ; premises or a building with a cadastral number but no id of its own. Warns, and writes the line, for an unknown status (`in_use`), condition or КВЦПЗ code
 * (left empty), a date it cannot read, and a ЄДРПОУ given without its leading zeros.
 */
export function readRegisterLine(line: number, cells: readonly string[], columns: Partial<Record<RegisterField, number>>): LineReading {
  const cell = (field: RegisterField): string => {
    const index = columns[field]
    return index === undefined ? '' : (cells[index] ?? '').trim()
  }
  const rejections: LineRejection[] = []
  const warnings: string[] = []
  const reject = (field: string, message: string) => rejections.push({ line, field, message })
  const warn = (message: string) => warnings.push(`line ${line}: ${message}`)

  const cadastralText = cell('cadastralNumber').replace(/\s+/g, '')
  const cadastralNumber = cadastralText === '' ? null : cadastralText
  if (cadastralNumber !== null && !CADASTRAL.test(cadastralNumber)) {
    reject('cadastral_number', `"${cadastralNumber.slice(0, 40)}" is not a cadastral number (NNNNNNNNNN:NN:NNN:NNNN)`)
  }

  let edrpou: string | null = cell('edrpou').replace(/\s+/g, '') || null
  if (edrpou !== null && /^\d{5,7}$/.test(edrpou)) {
    // A spreadsheet that took the code for a number dropped its leading zeros.
    warn(`ЄДРПОУ ${edrpou} has fewer than 8 digits; read as ${edrpou.padStart(8, '0')}`)
    edrpou = edrpou.padStart(8, '0')
  }
  const edrpouValid = edrpou !== null && /^\d{8}$/.test(edrpou)
  const inventoryNumber = limited(cell('inventoryNumber'), 50)

  const kindText = foldHeader(cell('kind'))
  const kind: PropertyKind =
    KIND_WORDS.find(([pattern]) => pattern.test(kindText))?.[1] ??
    (cadastralNumber !== null && inventoryNumber === null ? 'land' : 'premises')
  if (kindText !== '' && !KIND_WORDS.some(([pattern]) => pattern.test(kindText))) warn(`object type "${cell('kind').slice(0, 60)}" is unknown; read as ${kind}`)

  let registerId: string | null = null
  if (kind === 'land' && cadastralNumber !== null) registerId = cadastralNumber
  else if (inventoryNumber !== null && edrpouValid) registerId = `${edrpou}-${inventoryNumber}`
  else registerId = limited(cell('registerId'), 100)
  if (kind === 'land' && cadastralNumber === null) reject('cadastral_number', 'a land parcel needs its cadastral number')
  if (registerId === null) {
    if (inventoryNumber !== null) reject('balance_holder_edrpou', edrpou === null ? 'the inventory number needs the balance holder\'s ЄДРПОУ to make the register id' : `"${edrpou.slice(0, 20)}" is not an 8-digit ЄДРПОУ`)
    // The parcel's number is the parcel's id: a building on it cannot take it too.
    else if (cadastralNumber !== null && kind !== 'land') reject('inventory_number', `${kind} on a parcel needs its inventory number and the balance holder's ЄДРПОУ (or a register id)`)
    else reject('register_id', 'the line has no register id, no cadastral number and no inventory number')
  }
  if (edrpou !== null && !edrpouValid && registerId !== null) warn(`"${edrpou.slice(0, 20)}" is not an 8-digit ЄДРПОУ; left empty`)

  const areaHa = parseRegisterNumber(cell('areaHa'))
  const areaM2Text = parseRegisterNumber(cell('areaM2'))
  if (Number.isNaN(areaHa)) reject('area_m2', `area "${cell('areaHa').slice(0, 40)}" is not a number`)
  if (Number.isNaN(areaM2Text)) reject('area_m2', `area "${cell('areaM2').slice(0, 40)}" is not a number`)
  const areaM2 = areaM2Text ?? (areaHa === null ? null : Math.round(areaHa * 10_000 * 100) / 100)
  if (areaM2 !== null && !Number.isNaN(areaM2) && (areaM2 <= 0 || areaM2 >= 1e12)) reject('area_m2', `area ${areaM2} m² is out of range`)

  const value = parseRegisterNumber(cell('normativeValue'))
  if (Number.isNaN(value)) reject('normative_value', `normative value "${cell('normativeValue').slice(0, 40)}" is not a number`)
  else if (value !== null && (value < 0 || value > Number.MAX_SAFE_INTEGER)) reject('normative_value', `normative value ${value} is out of range`)

  const purposeText = cell('purposeCode')
  let purposeCode = purposeText === '' ? null : purposeCodeOf(purposeText)
  if (purposeText !== '' && purposeCode === null) warn(`КВЦПЗ code "${purposeText.slice(0, 20)}" is not a code like 02.01; left empty`)
  // Some registers write the code at the head of the purpose: "03.02 Для будівництва…".
  const purpose = limited(cell('purpose'), 1000)
  if (purposeCode === null && purpose) purposeCode = purposeCodeOf(/^(\d{1,2}\.\d{1,2})\s/.exec(purpose)?.[1] ?? '')

  const statusText = cell('status')
  let status = parseStatus(statusText)
  if (status === undefined) {
    warn(`lease status "${statusText.slice(0, 60)}" is unknown; read as in use`)
    status = 'in_use'
  }
  const auctionLotId = limited(cell('auctionLotId'), 60)
  if (status === 'at_auction' && auctionLotId === null) {
    // Only a list-1 object goes to auction (Law 157-IX); without its lot id it is recorded as listed.
    warn('at auction but no ProZorro.Sales lot id is given; recorded as on the list of the first type')
    status = 'list_1'
  }

  const conditionText = foldHeader(cell('condition'))
  const condition = CONDITION_WORDS.find(([pattern]) => pattern.test(conditionText))?.[1] ?? null
  if (conditionText !== '' && condition === null) warn(`technical condition "${cell('condition').slice(0, 60)}" is unknown; left empty`)

  const utilitiesText = foldHeader(cell('utilities'))
  const utilities = UTILITY_WORDS.filter(([pattern]) => pattern.test(utilitiesText)).map(([, utility]) => utility)

  const dateOf = (field: 'leasedFrom' | 'leasedUntil', label: string): string | null => {
    const text = cell(field)
    if (text === '') return null
    const date = parseRegisterDate(text)
    if (date === null) warn(`${label} "${text.slice(0, 30)}" is not a date; left empty`)
    return date
  }
  const leasedFrom = dateOf('leasedFrom', 'lease start')
  const leasedUntil = dateOf('leasedUntil', 'lease end')

  if (rejections.length > 0 || registerId === null) return { ok: false, rejections, warnings }
  const user = partyOf(cell('user'))
  const lessee = partyOf(cell('lessee'))
  // Communal property is owned by a community or the state; a person's name here is not stored either.
  const owner = partyOf(cell('owner'))
  if (owner.kind === 'person') warn('the owner is not named as an organisation; the name is not stored')
  return {
    ok: true,
    warnings,
    value: {
      line,
      registerId,
      kind,
      name: limited(cell('name'), 500),
      cadastralNumber,
      inventoryNumber,
      edrpou: edrpouValid ? edrpou : null,
      holderName: limited(cell('holderName'), 300),
      ownerName: owner.name,
      userKind: user.kind,
      userName: user.name,
      nk018Class: limited(cell('nk018Class'), 20),
      purposeCode,
      purpose,
      areaM2: areaM2 === null ? null : Math.round(areaM2 * 100) / 100,
      normativeValue: value === null ? null : Math.round(value),
      rightsRegistration: limited(cell('rightsRegistration'), 200),
      condition,
      utilities,
      status,
      lesseeKind: lessee.kind,
      lesseeName: lessee.name,
      leasedFrom,
      leasedUntil,
      auctionLotId,
      address: limited(cell('address'), 500),
    },
  }
}
