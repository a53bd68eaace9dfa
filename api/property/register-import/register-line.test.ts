import { describe, expect, it } from 'vitest'
import { mapColumns } from './register-columns.ts'
import { parseRegisterDate, parseRegisterNumber, parseStatus, readRegisterLine } from './register-line.ts'

const HEADER = [
  'ЄДРПОУ балансоутримувача', 'Найменування балансоутримувача', 'Інвентарний номер', "Найменування об'єкта", 'Адреса',
  'Кадастровий номер', 'Код КВЦПЗ', 'Площа, кв.м', 'Площа, га', 'Нормативна грошова оцінка, грн', 'Стан (оренда)', 'Орендар', 'Користувач',
  'Технічний стан', 'Оренда до', 'Комунікації', 'Власник',
]
const { columns } = mapColumns(HEADER)
type Cells = Partial<Record<(typeof HEADER)[number], string>>
const read = (cells: Cells, line = 2) => readRegisterLine(line, HEADER.map((h) => cells[h] ?? ''), columns)

describe('mapColumns', () => {
  it('matches headers whatever their case, spacing and punctuation, and lists the rest', () => {
    const map = mapColumns(['  КАДАСТРОВИЙ   НОМЕР ', 'Площа (га)', 'площа, м²', 'Area_m2', 'Колір фасаду', '', 'Cadnum'])
    expect(map.columns).toEqual({ cadastralNumber: 0, areaHa: 1, areaM2: 2 })
    expect(map.unknown).toEqual(['Колір фасаду'])
    expect(map.duplicates).toEqual(['Area_m2', 'Cadnum'])
  })
})

describe('parseRegisterNumber', () => {
  it.each([
    ['1 234,5', 1234.5],
    ['1\u00a0234,50', 1234.5],
    ['1234.5', 1234.5],
    ['0,0915', 0.0915],
    ['1.5E-2', 0.015],
    ['', null],
  ])('reads %j as %s', (text, value) => {
    expect(parseRegisterNumber(text)).toBe(value)
  })

  it.each(['12 кв.м', 'n/a', '1,234.5', '—'])('finds %j not a number', (text) => {
    expect(parseRegisterNumber(text)).toBeNaN()
  })
})

describe('parseStatus', () => {
  it.each([
    ['вільне', 'free'],
    ['Не використовується', 'free'],
    ['Перелік першого типу', 'list_1'],
    ['перелік 2 типу', 'list_2'],
    ['на аукціоні', 'at_auction'],
    ['в оренді', 'leased'],
    ['Орендовано', 'leased'],
    ['використовується', 'in_use'],
    ['не підлягає оренді', 'not_for_lease'],
    ['', 'in_use'],
    ['щось інше', undefined],
  ])('reads %j as %s', (text, status) => {
    expect(parseStatus(text)).toBe(status)
  })
})

describe('parseRegisterDate', () => {
  it.each([
    ['31.12.2030', '2030-12-31'],
    ['2030-12-31', '2030-12-31'],
    ['47848', '2030-12-31'],
    ['31.02.2030', null],
    ['завтра', null],
  ])('reads %j as %s', (text, date) => {
    expect(parseRegisterDate(text)).toBe(date)
  })
})

describe('readRegisterLine', () => {
  it('makes a premises line whose register id is the ЄДРПОУ and the inventory number', () => {
    const reading = read({
      'ЄДРПОУ балансоутримувача': '03359500', 'Найменування балансоутримувача': 'КП «Керуюча компанія»', 'Інвентарний номер': '10310001',
      "Найменування об'єкта": 'Нежитлове приміщення', 'Адреса': 'вул. Хрещатик, 22', 'Площа, кв.м': '1 234,5', 'Стан (оренда)': 'в оренді',
      'Орендар': 'ТОВ «Ромашка»', 'Технічний стан': 'задовільний', 'Оренда до': '31.12.2030', 'Комунікації': 'водопостачання, каналізація, опалення',
    })
    expect(reading).toMatchObject({
      ok: true,
      warnings: [],
      value: {
        registerId: '03359500-10310001', kind: 'premises', edrpou: '03359500', areaM2: 1234.5, status: 'leased',
        lesseeKind: 'organisation', lesseeName: 'ТОВ «Ромашка»', condition: 'satisfactory', leasedUntil: '2030-12-31',
        utilities: ['sewerage', 'water', 'heating'],
      },
    })
  })

  it('makes a land line keyed by its cadastral number, its area in hectares', () => {
    const reading = read({ 'Кадастровий номер': '8000000000:76:019:0019', 'Площа, га': '0,0915', 'Код КВЦПЗ': '3.7', 'Нормативна грошова оцінка, грн': '1 500 000,60' })
    expect(reading).toMatchObject({ ok: true, value: { registerId: '8000000000:76:019:0019', kind: 'land', areaM2: 915, purposeCode: '03.07', normativeValue: 1500001 } })
  })

  it('records a private lessee and user as persons without their names', () => {
    const reading = read({ 'ЄДРПОУ балансоутримувача': '03359500', 'Інвентарний номер': '7', 'Орендар': 'ФОП Іваненко Петро Петрович', 'Користувач': 'Коваль Олена Миколаївна' })
    expect(reading).toMatchObject({ ok: true, value: { lesseeKind: 'person', lesseeName: null, userKind: 'person', userName: null } })
    expect(JSON.stringify(reading)).not.toMatch(/Іваненко|Коваль/)
  })

  it('keeps an owner that is a community or the state, and never a person\'s name', () => {
    expect(read({ 'Кадастровий номер': '8000000000:76:019:0019', 'Власник': 'Територіальна громада міста Києва' })).toMatchObject({ ok: true, value: { ownerName: 'Територіальна громада міста Києва' }, warnings: [] })
    const reading = read({ 'Кадастровий номер': '8000000000:76:019:0019', 'Власник': 'Коваль Олена Миколаївна' })
    expect(reading).toMatchObject({ ok: true, value: { ownerName: null }, warnings: ['line 2: the owner is not named as an organisation; the name is not stored'] })
    expect(JSON.stringify(reading)).not.toMatch(/Коваль/)
  })

  it('refuses a line with no register id, cadastral number or inventory number', () => {
    expect(read({ "Найменування об'єкта": 'Сарай' }, 7)).toEqual({
      ok: false,
      warnings: [],
      rejections: [{ line: 7, field: 'register_id', message: 'the line has no register id, no cadastral number and no inventory number' }],
    })
  })

  it('refuses an area that is not a number and a malformed cadastral number', () => {
    const reading = read({ 'Кадастровий номер': '8000000000:76:019', 'Площа, кв.м': 'дванадцять' }, 4)
    expect(reading.ok).toBe(false)
    expect(!reading.ok && reading.rejections.map((r) => [r.line, r.field])).toEqual([
      [4, 'cadastral_number'],
      [4, 'area_m2'],
    ])
  })

  it('refuses a building that has only its parcel\'s cadastral number, which is the parcel\'s id', () => {
    const reading = readRegisterLine(3, ['Будівля', '8000000000:76:019:0019'], mapColumns(["Тип об'єкта", 'Кадастровий номер']).columns)
    expect(!reading.ok && reading.rejections).toEqual([
      { line: 3, field: 'inventory_number', message: "building on a parcel needs its inventory number and the balance holder's ЄДРПОУ (or a register id)" },
    ])
  })

  it('refuses an inventory number whose balance holder has no valid ЄДРПОУ', () => {
    const reading = read({ 'ЄДРПОУ балансоутримувача': '12AB', 'Інвентарний номер': '5' })
    expect(!reading.ok && reading.rejections).toEqual([{ line: 2, field: 'balance_holder_edrpou', message: '"12AB" is not an 8-digit ЄДРПОУ' }])
  })

  it('restores the leading zeros a spreadsheet dropped from a ЄДРПОУ, and says so', () => {
    const reading = read({ 'ЄДРПОУ балансоутримувача': '3359500', 'Інвентарний номер': '5' })
    expect(reading).toMatchObject({ ok: true, value: { registerId: '03359500-5' }, warnings: ['line 2: ЄДРПОУ 3359500 has fewer than 8 digits; read as 03359500'] })
  })

  it('reads an unknown lease status as in use, with a warning', () => {
    const reading = read({ 'ЄДРПОУ балансоутримувача': '03359500', 'Інвентарний номер': '5', 'Стан (оренда)': 'під питанням' })
    expect(reading).toMatchObject({ ok: true, value: { status: 'in_use' }, warnings: ['line 2: lease status "під питанням" is unknown; read as in use'] })
  })

  it('records an object at auction without a lot id as listed for auction', () => {
    const reading = read({ 'ЄДРПОУ балансоутримувача': '03359500', 'Інвентарний номер': '5', 'Стан (оренда)': 'на аукціоні' })
    expect(reading).toMatchObject({ ok: true, value: { status: 'list_1', auctionLotId: null } })
  })
})
