import { describe, expect, it } from 'vitest'
import { attributesOfUpload, geometryKindOf, looksPersonal } from './attribute-schema.ts'

describe('attributesOfUpload', () => {
  it('labels each field by its name and starts personal-looking ones private', () => {
    const attributes = attributesOfUpload([
      { name: 'cadnum', type: 'string', samples: ['1810100000:01:001:0001'] },
      { name: 'owner_name', type: 'string', samples: ['Іваненко'] },
      { name: 'ПІБ', type: 'string', samples: [] },
    ])
    expect(attributes).toEqual([
      { name: 'cadnum', type: 'string', label: { uk: 'cadnum', en: 'cadnum' }, public: true },
      { name: 'owner_name', type: 'string', label: { uk: 'owner_name', en: 'owner_name' }, public: false },
      { name: 'ПІБ', type: 'string', label: { uk: 'ПІБ', en: 'ПІБ' }, public: false },
    ])
    expect(looksPersonal('phone')).toBe(true)
    expect(looksPersonal('zone')).toBe(false)
  })
})

describe('geometryKindOf', () => {
  it('reads the geometry types of a report in any case, polygons over lines over points', () => {
    expect(geometryKindOf(['MULTIPOLYGON', 'POLYGON'])).toBe('polygon')
    expect(geometryKindOf(['LineString', 'Point'])).toBe('line')
    expect(geometryKindOf(['Point'])).toBe('point')
  })
})
