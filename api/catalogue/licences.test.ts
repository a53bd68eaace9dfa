import { describe, expect, it } from 'vitest'
import { licenceOf } from './licences.ts'

const SOURCES = 'http://localhost/data/SOURCES.md'

describe('licenceOf', () => {
  it('recognises a licence by its SPDX id or its usual title, keeping what the text adds', () => {
    expect(licenceOf('CC BY 4.0', SOURCES)).toEqual({ id: 'CC-BY-4.0', title: 'Creative Commons Attribution 4.0 International', url: 'https://creativecommons.org/licenses/by/4.0/', known: true, ckanId: 'cc-by' })
    expect(licenceOf('ODbL-1.0', SOURCES).ckanId).toBe('odc-odbl')
    expect(licenceOf('MIT (dnipro-map repository); public city council data', SOURCES)).toMatchObject({ id: 'MIT', title: 'MIT License (dnipro-map repository); public city council data', known: true })
  })

  it('says a licence nobody stated is unknown and links the list of sources, also for older rows that say "not stated"', () => {
    expect(licenceOf('source licence unknown', SOURCES)).toEqual({ id: 'unknown', title: 'source licence unknown', url: SOURCES, known: false, ckanId: 'notspecified' })
    expect(licenceOf('not stated (public cadastral data)', SOURCES)).toMatchObject({ id: 'unknown', title: 'source licence unknown (public cadastral data)', known: false })
    expect(licenceOf('ODbL-1.0 (footprints); damage notes: source licence unknown', SOURCES)).toMatchObject({ id: 'unknown', known: false, url: SOURCES })
    expect(licenceOf('', SOURCES)).toMatchObject({ id: 'unknown', title: 'source licence unknown' })
  })
})
