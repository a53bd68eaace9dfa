import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Database } from '../../db/index.ts'
import { openTestDatabase } from '../../db/testing.ts'
import { DEMO_DATA_DIR } from '../demo/index.ts'
import { isoDate } from './iso-date.ts'

describe('isoDate', () => {
  it.each([
    ['2017-05-31', '2017-05-31'],
    ['06.04.2018', '2018-04-06'],
    ['6.4.2018', '2018-04-06'],
    ['06/04/2018', '2018-04-06'],
    ['2018/4/6', '2018-04-06'],
    ['2018-04-06T10:00:00+03:00', '2018-04-06'],
    [' 31.12.2019 ', '2019-12-31'],
  ])('reads %j as %j', (text, iso) => {
    expect(isoDate(text)).toBe(iso)
  })

  it.each([['31.02.2017'], ['2017-13-01'], ['NA'], [''], ['12.2017'], [20170531]])('gives null for %j, which is no day', (value) => {
    expect(isoDate(value)).toBeNull()
  })
})

describe('the dates of kyiv-alcohol-licenses (valid_to), as the register writes them and as the layer stores them', () => {
  let database: Database
  let stored: string[]
  let written: string[]

  beforeAll(async () => {
    database = await openTestDatabase()
    const { rows } = await sql<{ v: string }>`SELECT public_properties->>'valid_to' AS v FROM features WHERE layer_id = 'kyiv-alcohol-licenses' AND public_properties ? 'valid_to'`.execute(database.db)
    stored = rows.map((r) => r.v)
    const file = JSON.parse(readFileSync(new URL('kyiv/kyiv_alcohol_licenses_2017.geojson', DEMO_DATA_DIR), 'utf8')) as { features: Array<{ properties: { to?: string } }> }
    written = file.features.flatMap((f) => (f.properties.to ? [f.properties.to] : []))
  })
  afterAll(() => database?.close())

  it('finds day-first DD.MM.YYYY dates among the ISO ones of the source file', () => {
    const dayFirst = written.filter((v) => /^\d{2}\.\d{2}\.\d{4}$/.test(v))
    expect(dayFirst.length).toBeGreaterThan(0)
    expect(written.filter((v) => /^\d{4}-\d{2}-\d{2}$/.test(v)).length + dayFirst.length).toBe(written.length)
    for (const value of written) {
      const [y, m, d] = /^\d{4}-/.test(value) ? value.split('-') : value.split('.').reverse()
      expect(isoDate(value)).toBe(`${y}-${m}-${d}`)
    }
  })

  it('stores every one as YYYY-MM-DD, the day-first ones with the same day', () => {
    expect(stored.length).toBeGreaterThan(7000)
    expect(stored.filter((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v))).toEqual([])
    const storedDays = new Set(stored)
    for (const value of written.filter((v) => v.includes('.'))) expect(storedDays.has(isoDate(value)!), value).toBe(true)
  })
})
