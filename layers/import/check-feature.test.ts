import type { Geometry } from 'geojson'
import { describe, expect, it } from 'vitest'
import type { AttributeField } from '../catalogue/index.ts'
import { checkFeature, geometryFamily, type FeatureRules } from './check-feature.ts'

const POINTS: FeatureRules = { geometryType: 'point' }
const POLYGONS: FeatureRules = { geometryType: 'polygon' }

const feature = (geometry: unknown, properties: unknown = {}) => ({ type: 'Feature', geometry, properties })
const point = (x: number, y: number, ...z: number[]) => feature({ type: 'Point', coordinates: [x, y, ...z] })
const polygon = (...ring: number[][]) => feature({ type: 'Polygon', coordinates: [ring] })
const field = (name: string, type: AttributeField['type']): AttributeField => ({ name, type, label: { uk: name, en: name }, public: true })

describe('checkFeature', () => {
  it('accepts a valid point in Kyiv with its properties and no notes', () => {
    const verdict = checkFeature(feature({ type: 'Point', coordinates: [30.5234, 50.4501] }, { name: 'Майдан' }), POINTS)
    expect(verdict).toEqual({
      kind: 'accept',
      geometry: { type: 'Point', coordinates: [30.5234, 50.4501] },
      properties: { name: 'Майдан' },
      notes: [],
    })
  })

  it.each([
    ['null', null],
    ['a number', 42],
    ['an array', [point(30.5, 50.4)]],
  ])('rejects %s as not a Feature object', (_, value) => {
    expect(checkFeature(value, POINTS)).toEqual({ kind: 'reject', reason: 'not a GeoJSON Feature object' })
  })

  it('rejects a feature whose geometry is null', () => {
    expect(checkFeature(feature(null), POINTS)).toEqual({ kind: 'reject', reason: expect.stringMatching(/no geometry/) })
  })

  it('rejects a geometry without a type', () => {
    expect(checkFeature(feature({ coordinates: [30.5, 50.4] }), POINTS)).toEqual({ kind: 'reject', reason: expect.stringMatching(/"type"/) })
  })

  it('rejects coordinates that are strings', () => {
    const verdict = checkFeature(feature({ type: 'Point', coordinates: ['30.5', '50.4'] }), POINTS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/^invalid GeoJSON: .*numbers/) })
  })

  it('rejects non-finite coordinates', () => {
    expect(checkFeature(point(Number.NaN, 50.4), POINTS)).toEqual({ kind: 'reject', reason: 'coordinates must be finite numbers' })
  })

  it('closes an unclosed ring and notes the repair', () => {
    const verdict = checkFeature(polygon([30.5, 50.4], [30.6, 50.4], [30.6, 50.5]), POLYGONS)
    expect(verdict).toMatchObject({
      kind: 'accept',
      geometry: { type: 'Polygon', coordinates: [[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]] },
      notes: ['unclosed ring closed by repeating its first position'],
    })
  })

  it('closes unclosed rings inside a MultiPolygon too', () => {
    const multi = feature({ type: 'MultiPolygon', coordinates: [[[[30.5, 50.4], [30.6, 50.4], [30.6, 50.5]]]] })
    const verdict = checkFeature(multi, POLYGONS)
    expect(verdict).toMatchObject({ kind: 'accept', notes: ['unclosed ring closed by repeating its first position'] })
  })

  it('rejects a ring with fewer than four positions, naming the rule', () => {
    const verdict = checkFeature(polygon([30.5, 50.4], [30.6, 50.4], [30.5, 50.4]), POLYGONS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/at least four positions/) })
  })

  it('drops a third ordinate and notes it', () => {
    expect(checkFeature(point(30.5, 50.4, 120), POINTS)).toMatchObject({
      kind: 'accept',
      geometry: { type: 'Point', coordinates: [30.5, 50.4] },
      notes: ['3D coordinates reduced to 2D'],
    })
  })

  it('rejects a longitude beyond 180 and names it in the reason', () => {
    const verdict = checkFeature(point(200, 50.45), POINTS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/out of range \(lon 200, lat 50\.45\)/) })
  })

  it('rejects a latitude beyond 90', () => {
    expect(checkFeature(point(30.5, 95), POINTS)).toEqual({ kind: 'reject', reason: expect.stringMatching(/out of range/) })
  })

  it('rejects swapped latitude and longitude with a hint that they look swapped', () => {
    const verdict = checkFeature(point(50.45, 30.52), POINTS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/look swapped.*\[longitude, latitude\]/) })
  })

  it('rejects a point outside Ukraine without a swap hint', () => {
    const verdict = checkFeature(point(2.35, 48.85), POINTS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/outside the supported area/) })
    expect(verdict.kind === 'reject' && verdict.reason).not.toMatch(/swapped/)
  })

  it('checks the region the rules give instead of Ukraine', () => {
    expect(checkFeature(point(30.5, 50.4), { ...POINTS, region: [0, 0, 10, 10] })).toMatchObject({ kind: 'reject' })
    expect(checkFeature(point(5, 5), { ...POINTS, region: [0, 0, 10, 10] })).toMatchObject({ kind: 'accept' })
  })

  it('rejects a GeometryCollection and says to split it', () => {
    const collection = feature({ type: 'GeometryCollection', geometries: [{ type: 'Point', coordinates: [30.5, 50.4] }] })
    expect(checkFeature(collection, POINTS)).toEqual({ kind: 'reject', reason: expect.stringMatching(/GeometryCollection is not supported/) })
  })

  it('rejects a geometry of another family than the layer', () => {
    expect(checkFeature(point(30.5, 50.4), POLYGONS)).toEqual({ kind: 'reject', reason: 'Point does not fit a polygon layer' })
  })

  it('skips, not rejects, another family when the rules keep one family', () => {
    const verdict = checkFeature(point(30.5, 50.4), { ...POLYGONS, keep: { geometry: 'polygon' } })
    expect(verdict).toEqual({ kind: 'skip', reason: expect.stringMatching(/left out/) })
  })

  it('skips a feature outside the layer area as a bad geocode', () => {
    const verdict = checkFeature(point(30.5, 50.4), { ...POINTS, keep: { bbox: [31, 50, 32, 51] } })
    expect(verdict).toEqual({ kind: 'skip', reason: 'outside the area of this layer (bad geocode)' })
  })

  it('skips a feature the layer filter leaves out', () => {
    const verdict = checkFeature(feature({ type: 'Point', coordinates: [30.5, 50.4] }, { level: 8 }), {
      ...POINTS,
      keep: { where: (p) => p['level'] === 10 },
    })
    expect(verdict).toEqual({ kind: 'skip', reason: 'filtered out by the layer definition' })
  })

  it('keeps only the mapped properties, under their stored names', () => {
    const source = feature({ type: 'Point', coordinates: [30.5, 50.4] }, { Name: 'Лавра', owner: 'Іваненко', phone: '+380501234567' })
    expect(checkFeature(source, { ...POINTS, properties: { name: 'Name' } })).toMatchObject({ properties: { name: 'Лавра' } })
  })

  it('stores nested objects and arrays as JSON text', () => {
    const source = feature({ type: 'Point', coordinates: [30.5, 50.4] }, { address: { street: 'Хрещатик', house: 22 }, tags: ['a', 'b'] })
    expect(checkFeature(source, POINTS)).toMatchObject({
      properties: { address: '{"street":"Хрещатик","house":22}', tags: '["a","b"]' },
    })
  })

  it('coerces values to the attribute types and drops empty ones', () => {
    const source = feature({ type: 'Point', coordinates: [30.5, 50.4] }, { area: '1,5', open: 'так', closed: 'ні', code: 7, note: '', gone: null })
    const attributes = [field('area', 'number'), field('open', 'boolean'), field('closed', 'boolean'), field('code', 'string')]
    expect(checkFeature(source, { ...POINTS, attributes })).toMatchObject({ properties: { area: 1.5, open: true, closed: false, code: '7' } })
  })

  it('rejects properties that are a string, not an object (RFC 7946 §3.2)', () => {
    const verdict = checkFeature(feature({ type: 'Point', coordinates: [30.5, 50.4] }, 'Хрещатик'), POINTS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/properties/) })
  })

  it('rejects a geometry with no coordinates at all', () => {
    const verdict = checkFeature(feature({ type: 'MultiPoint', coordinates: [] }), POINTS)
    expect(verdict).toEqual({ kind: 'reject', reason: expect.stringMatching(/empty|no coordinates/) })
  })
})

describe('geometryFamily', () => {
  it.each([
    ['Point', 'point'],
    ['MultiPoint', 'point'],
    ['LineString', 'line'],
    ['MultiLineString', 'line'],
    ['Polygon', 'polygon'],
    ['MultiPolygon', 'polygon'],
  ] as const)('puts %s in the %s family', (type: Geometry['type'], family) => {
    expect(geometryFamily(type)).toBe(family)
  })

  it('has no family for a GeometryCollection', () => {
    expect(geometryFamily('GeometryCollection')).toBeUndefined()
  })
})
