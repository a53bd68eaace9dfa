import { describe, expect, it } from 'vitest'
import type { Layer } from '../catalogue/index.ts'
import type { PublicFeature } from '../index.ts'
import { FEATURES, joined, LAYER, listOf } from './export-fixtures.ts'
import { csvCell, csvExport, csvtLine } from './csv.ts'

describe('csvCell', () => {
  it('leaves plain text as it is', () => {
    expect(csvCell('Школа №1')).toBe('Школа №1')
  })

  it('writes null and undefined as an empty cell', () => {
    expect([csvCell(null), csvCell(undefined)]).toEqual(['', ''])
  })

  it('writes numbers and booleans as text, negative numbers unchanged', () => {
    expect([csvCell(42), csvCell(-5.5), csvCell(true)]).toEqual(['42', '-5.5', 'true'])
  })

  it('quotes a cell with a comma', () => {
    expect(csvCell('Київ, Хрещатик')).toBe('"Київ, Хрещатик"')
  })

  it('quotes a cell with a semicolon, for spreadsheets that split on it', () => {
    expect(csvCell('a;b')).toBe('"a;b"')
  })

  it('doubles quotes inside a quoted cell', () => {
    expect(csvCell('Сквер "Перемога"')).toBe('"Сквер ""Перемога"""')
  })

  it('quotes a cell with a line break', () => {
    expect(csvCell('рядок 1\nрядок 2')).toBe('"рядок 1\nрядок 2"')
  })

  it("defuses a DDE formula with a leading apostrophe", () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0")
  })

  it.each([['+380501234567'], ['-2+3'], ['@SUM(A1:A2)'], ['\t=1+1']])('defuses %j', (text) => {
    expect(csvCell(text)).toBe(`'${text}`)
  })

  it('defuses a cell starting with a carriage return and quotes it', () => {
    expect(csvCell('\r=1+1')).toBe(`"'\r=1+1"`)
  })

  it('defuses and quotes a formula that also holds quotes and commas', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
  })

  it('writes an object as quoted JSON', () => {
    expect(csvCell({ a: 1, b: 'x' })).toBe('"{""a"":1,""b"":""x""}"')
  })
})

describe('csvExport', () => {
  it('starts with a byte order mark and a header of id, public attributes, lon/lat of points and WKT', async () => {
    const text = await joined(csvExport(LAYER, listOf(FEATURES)))
    expect(text.startsWith('\uFEFFid,name,seats,lon,lat,WKT\r\n')).toBe(true)
  })

  it('writes one CRLF-terminated row per feature', async () => {
    const text = await joined(csvExport(LAYER, listOf(FEATURES)))
    const rows = text.slice(1).split('\r\n')
    expect(rows.pop()).toBe('')
    expect(rows).toHaveLength(FEATURES.length + 1)
  })

  it('writes a point as lon, lat and WKT', async () => {
    const rows = (await joined(csvExport(LAYER, listOf(FEATURES)))).split('\r\n')
    expect(rows[1]).toBe('1,Школа №1,300,30.5234,50.4501,POINT(30.5234 50.4501)')
  })

  it('defuses a formula in a property value', async () => {
    const rows = (await joined(csvExport(LAYER, listOf(FEATURES)))).split('\r\n')
    expect(rows[2]).toBe("2,'=cmd|' /C calc'!A0,,30.53,50.46,POINT(30.53 50.46)")
  })

  it('writes a polygon as quoted WKT and leaves lon/lat empty', async () => {
    const rows = (await joined(csvExport(LAYER, listOf(FEATURES)))).split('\r\n')
    expect(rows[3]).toBe('3,"Сквер, ""Перемога""",0,,,"POLYGON((30.5 50.4,30.6 50.4,30.6 50.5,30.5 50.4))"')
  })

  it('writes numbers as numbers, booleans as true/false and dates as YYYY-MM-DD, whatever the stored form', async () => {
    const typed: Layer = {
      ...LAYER,
      geometry_type: 'polygon',
      attributes: [
        { name: 'seats', type: 'integer', label: LAYER.title, public: true },
        { name: 'area', type: 'number', label: LAYER.title, public: true },
        { name: 'open', type: 'boolean', label: LAYER.title, public: true },
        { name: 'since', type: 'date', label: LAYER.title, public: true },
      ],
    }
    const features: PublicFeature[] = [
      { id: 1, properties: { seats: '12', area: '1,5', open: 'так', since: '06.04.2018' }, geometry: FEATURES[2]!.geometry },
      { id: 2, properties: { seats: 'NA', area: 2.25, open: false, since: '2019-12-31' }, geometry: FEATURES[2]!.geometry },
    ]
    const rows = (await joined(csvExport(typed, listOf(features)))).split('\r\n')
    expect(rows.slice(0, 3).map((r) => r.split(',"POLYGON')[0])).toEqual(['\uFEFFid,seats,area,open,since,WKT', '1,12,1.5,true,2018-04-06', '2,,2.25,false,2019-12-31'])
  })

  it('leaves out an attribute that is not public even when a feature carries it', async () => {
    const leaky: PublicFeature = { id: 9, properties: { name: 'x', owner_phone: '+380501234567' }, geometry: { type: 'Point', coordinates: [30.5, 50.4] } }
    const text = await joined(csvExport(LAYER, listOf([leaky])))
    expect(text).not.toContain('owner_phone')
    expect(text).not.toContain('+380501234567')
  })
})

describe('csvtLine', () => {
  it("names GDAL's type of every CSV column, the geometry as WKT", () => {
    expect(csvtLine(LAYER)).toBe('"Integer64","String","Integer64","Real","Real","WKT"\r\n')
  })
})
