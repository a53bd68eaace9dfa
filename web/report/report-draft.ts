import type { AppealCategory, FieldError } from '../api-client/index.ts'

/** The steps of the report flow, in order; the receipt comes once the appeal is filed. */
export const REPORT_STEPS = ['location', 'category', 'details', 'contact', 'review'] as const
export type ReportStep = (typeof REPORT_STEPS)[number]

/** Where the problem is, and how the resident said so. */
export interface ReportLocation {
  lon: number
  lat: number
  source: 'map' | 'device' | 'search'
  /** The address the resident picked in the search; absent for a map tap or the device's position. */
  label?: string
}

/** The object on the map a report is about: a feature of a layer that takes appeals, and what to call it. */
export interface ReportObject {
  layer: string
  featureId: number | string
  /** Its name or label as the feature panel showed it, so the resident sees what the report is about. */
  name: string
}

/** At most this many photos go with one appeal (the API's limit). */
export const MAX_PHOTOS = 5
/** The largest photo the API takes, in bytes. */
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
/** The image types the API re-encodes; others are refused before upload. */
export const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp'])
/** The longest description the API takes, in characters. */
export const MAX_DESCRIPTION = 4000

/** Everything the resident has entered so far. */
export interface ReportDraft {
  step: ReportStep
  location: ReportLocation | undefined
  categoryId: string | undefined
  description: string
  /** Answers by question id, as the inputs hold them (text); blank means unanswered. */
  answers: Record<string, string>
  photos: File[]
  contact: { name: string; email: string; phone: string }
  showName: boolean
  isPublic: boolean
  /** Also addressed to the deputy of the point's electoral district (offered only where there is one). */
  toDeputy: boolean
  /** The honeypot: hidden from people, so it stays empty. */
  website: string
  /** The object the report is about; undefined for a report about a place. */
  object: ReportObject | undefined
}

/** The inputs the resident can be told are wrong, keyed like `description`, `answers.size`, `contact.email`. */
export type FieldErrors = Record<string, string>

/** A fresh draft: nothing chosen, public appeal, name not shown, no deputy addressed. */
export function emptyDraft(): ReportDraft {
  return {
    step: 'location',
    location: undefined,
    categoryId: undefined,
    description: '',
    answers: {},
    photos: [],
    contact: { name: '', email: '', phone: '' },
    showName: false,
    isPublic: true,
    toDeputy: false,
    website: '',
    object: undefined,
  }
}

/**
 * A fresh draft about an object on the map: its point already chosen (the server snaps the
 * appeal onto the object), so the resident starts at the category.
 */
export function draftAbout(object: ReportObject, at: { lon: number; lat: number }): ReportDraft {
  return { ...emptyDraft(), step: 'category', location: { lon: at.lon, lat: at.lat, source: 'map' }, object }
}

/**
 * The form field an API field error belongs to: `body.lat` → `location`,
 * `body.photos.2` → `photos`, `body.object.feature_id` → `object`, `body.contact.email` → `contact.email`. Unknown fields are kept
 * without their `body.` prefix, and shown with the review step's summary.
 */
export function formFieldOf(apiField: string): string {
  const path = apiField.replace(/^body\./, '')
  if (path === 'lat' || path === 'lon' || path === 'city') return 'location'
  if (path.startsWith('photos')) return 'photos'
  if (path.startsWith('object')) return 'object'
  return path
}

/** The step where the resident fixes a form field (see {@link formFieldOf}); the review for the rest. */
export function stepOfField(field: string): ReportStep {
  if (field === 'location') return 'location'
  if (field === 'category') return 'category'
  if (field === 'description' || field === 'photos' || field.startsWith('answers.')) return 'details'
  if (field.startsWith('contact.') || field === 'show_name' || field === 'public') return 'contact'
  return 'review'
}

/** The API's field errors as form field errors; the first message per field wins. */
export function toFieldErrors(errors: readonly FieldError[]): FieldErrors {
  const out: FieldErrors = {}
  for (const { field, message } of errors) {
    const key = formFieldOf(field)
    out[key] ??= message
  }
  return out
}

/** Messages the app writes itself, as i18n keys, for what it checks before sending. */
export type LocalCheck = 'required' | 'tooLong' | 'noName'

/**
 * What is missing or wrong in one step before the resident may go on, as i18n keys per form
 * field; empty when the step is complete. The server checks everything again.
 */
export function checkStep(draft: ReportDraft, step: ReportStep, category: AppealCategory | undefined): Record<string, LocalCheck> {
  const problems: Record<string, LocalCheck> = {}
  if (step === 'location' && !draft.location) problems.location = 'required'
  if (step === 'category' && !category) problems.category = 'required'
  if (step === 'details') {
    if (draft.description.trim() === '') problems.description = 'required'
    else if (draft.description.length > MAX_DESCRIPTION) problems.description = 'tooLong'
    for (const question of category?.questions ?? []) {
      if (question.required && (draft.answers[question.id] ?? '').trim() === '') problems[`answers.${question.id}`] = 'required'
    }
  }
  if (step === 'contact' && draft.showName && draft.contact.name.trim() === '') problems.show_name = 'noName'
  return problems
}
