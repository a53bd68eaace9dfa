import { describe, expect, it } from 'vitest'
import type { AppealCategory } from '../api-client/index.ts'
import { checkStep, emptyDraft, stepOfField, toFieldErrors } from './report-draft.ts'

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
