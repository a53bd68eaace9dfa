import { describe, expect, it } from 'vitest'
import { typedValue } from './attribute-values.ts'

describe('typedValue', () => {
  it('reads integers and numbers written as text, with a decimal comma too', () => {
    expect([typedValue('integer', '42'), typedValue('number', '12,5'), typedValue('number', 3.25)]).toEqual([42, 12.5, 3.25])
  })

  it('gives null for a value that is not of the type, such as "NA" in a number column', () => {
    expect([typedValue('integer', 'NA'), typedValue('integer', '1.5'), typedValue('boolean', 'maybe'), typedValue('string', '')]).toEqual([null, null, null, null])
  })

  it('reads a date in any form the registers write it as YYYY-MM-DD, and a non-date as null', () => {
    expect([typedValue('date', '06.04.2018'), typedValue('date', '2019-12-31'), typedValue('date', 'NA')]).toEqual(['2018-04-06', '2019-12-31', null])
  })

  it('reads booleans in English and Ukrainian words', () => {
    expect([typedValue('boolean', 'так'), typedValue('boolean', 'ні'), typedValue('boolean', true), typedValue('boolean', '0')]).toEqual([true, false, true, false])
  })
})
