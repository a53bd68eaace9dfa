import { describe, expect, it } from 'vitest'
import type { AppealCategory } from '../api-client/index.ts'
import { checkStep, draftAbout, emptyDraft, stepOfField, toFieldErrors } from './report-draft.ts'

const pothole: AppealCategory = {
  id: 'pothole',
  group: 'roads',
  name: { uk: 'Яма на дорозі', en: 'Pothole' },
  term_days: 30,
  duplicate_radius_m: 50,
  questions: [{ id: 'size', type: 'select', label: { uk: 'Розмір', en: 'Size' }, required: true, options: [] }],
}

describe('toFieldErrors', () => {
  it('files the API field errors under the form fields and steps that fix them', () => {
    const errors = toFieldErrors([
      { field: 'body.lat', message: 'outside Kyiv' },
      { field: 'body.photos.1', message: 'not an image' },
      { field: 'body.contact.email', message: 'must be an e-mail address' },
      { field: 'body.answers.size', message: 'is required' },
    ])
    expect(errors).toEqual({ location: 'outside Kyiv', photos: 'not an image', 'contact.email': 'must be an e-mail address', 'answers.size': 'is required' })
    expect(Object.keys(errors).map(stepOfField)).toEqual(['location', 'details', 'contact', 'details'])
  })

  it('keeps the first message of a field', () => {
    expect(toFieldErrors([{ field: 'body.lat', message: 'first' }, { field: 'body.lon', message: 'second' }])).toEqual({ location: 'first' })
  })
})

describe('checkStep', () => {
  it('asks for a point, a category, a description and required answers before going on', () => {
    const draft = emptyDraft()
    expect(checkStep(draft, 'location', undefined)).toEqual({ location: 'required' })
    expect(checkStep(draft, 'category', undefined)).toEqual({ category: 'required' })
    expect(checkStep({ ...draft, description: '  ' }, 'details', pothole)).toEqual({ description: 'required', 'answers.size': 'required' })
  })

  it('refuses to show a name that was not given', () => {
    expect(checkStep({ ...emptyDraft(), showName: true }, 'contact', pothole)).toEqual({ show_name: 'noName' })
  })

  it('lets a complete step through', () => {
    expect(checkStep({ ...emptyDraft(), description: 'Яма', answers: { size: 'large' } }, 'details', pothole)).toEqual({})
  })
})

describe('a report about an object on the map', () => {
  it('starts with the object’s point chosen and the object named, at the category step', () => {
    const draft = draftAbout({ layer: 'marhanets-temporary-structures', featureId: 17, name: 'Кіоск «Преса»' }, { lon: 34.61, lat: 47.64 })
    expect(draft).toEqual({
      ...emptyDraft(),
      step: 'category',
      location: { lon: 34.61, lat: 47.64, source: 'map' },
      object: { layer: 'marhanets-temporary-structures', featureId: 17, name: 'Кіоск «Преса»' },
    })
    expect(checkStep(draft, 'location', undefined)).toEqual({})
  })

  it('is a plain report by default: no object', () => {
    expect(emptyDraft().object).toBeUndefined()
  })

  it('shows the API’s complaints about the object with the review', () => {
    const errors = toFieldErrors([{ field: 'body.object.feature_id', message: 'no such feature' }])
    expect(errors).toEqual({ object: 'no such feature' })
    expect(stepOfField('object')).toBe('review')
  })
})
