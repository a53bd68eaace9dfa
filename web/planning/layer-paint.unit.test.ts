import { describe, expect, it } from 'vitest'
import { featureColorExpression } from '../../api/contract/index.ts'
import { previewStyleLayers } from './layer-paint.ts'

describe('featureColorExpression', () => {
  it('is the layer colour for a single-colour style', () => {
    expect(featureColorExpression({ color: '#1e88e5' })).toBe('#1e88e5')
  })

  it('matches categories by value, as the city style does, with the layer colour for the rest', () => {
    const style = {
      color: '#999999',
      categoryField: 'zone',
      categories: [
        { value: 'Ж-1', color: '#66c2a5', label: { uk: 'Житлова', en: 'Residential' } },
        { value: 'Г-2', color: '#fc8d62', label: { uk: 'Громадська', en: 'Public' } },
      ],
    }
    expect(featureColorExpression(style)).toEqual(['match', ['get', 'zone'], 'Ж-1', '#66c2a5', 'Г-2', '#fc8d62', '#999999'])
  })

  it('steps through graduated classes, only for features that have the number', () => {
    const style = {
      color: '#eeeeee',
      graduated: { field: 'area', stops: [{ value: 100, color: '#fee0d2' }, { value: 500, color: '#de2d26' }] },
    }
    expect(featureColorExpression(style)).toEqual([
      'case',
      ['==', ['typeof', ['get', 'area']], 'number'],
      ['step', ['get', 'area'], '#eeeeee', 100, '#fee0d2', 500, '#de2d26'],
      '#eeeeee',
    ])
  })

  it('prefers categories when a style has both', () => {
    const style = {
      color: '#999999',
      categoryField: 'zone',
      categories: [{ value: 1, color: '#66c2a5', label: { uk: 'Один', en: 'One' } }],
      graduated: { field: 'area', stops: [{ value: 100, color: '#fee0d2' }] },
    }
    expect(featureColorExpression(style)).toEqual(['match', ['get', 'zone'], 1, '#66c2a5', '#999999'])
  })
})

describe('previewStyleLayers', () => {
  it('draws polygons as a fill and a darker outline with the style’s opacity and width', () => {
    const layers = previewStyleLayers('preview', 'polygon', { color: '#336699', opacity: 0.5, width: 2 })
    expect(layers.map((l) => [l.id, l.type])).toEqual([
      ['preview', 'fill'],
      ['preview-outline', 'line'],
    ])
    expect(layers[0]).toMatchObject({ source: 'preview', paint: { 'fill-color': '#336699', 'fill-opacity': 0.5 } })
    expect(layers[1]).toMatchObject({ paint: { 'line-color': '#24476b', 'line-width': 2 } })
  })

  it('draws points as circles of the style’s radius and adds a label layer for the label field', () => {
    const layers = previewStyleLayers('preview', 'point', { color: '#336699', radius: 8, label: 'name' })
    expect(layers.map((l) => [l.id, l.type])).toEqual([
      ['preview', 'circle'],
      ['preview-label', 'symbol'],
    ])
    expect(layers[0]).toMatchObject({ paint: { 'circle-color': '#336699', 'circle-radius': 8 } })
    expect(layers[1]).toMatchObject({ layout: { 'text-field': ['to-string', ['get', 'name']] } })
  })

  it('draws lines in the feature colour and the style’s width', () => {
    const layers = previewStyleLayers('preview', 'line', { color: '#336699', width: 4 })
    expect(layers).toHaveLength(1)
    expect(layers[0]).toMatchObject({ type: 'line', paint: { 'line-color': '#336699', 'line-width': 4 } })
  })
})
