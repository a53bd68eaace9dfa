import type { LocalizedJson } from '../../db/index.ts'
import type { FieldError } from '../http/index.ts'

/** An extra question a category asks, with the type its answer must have. */
export interface CategoryQuestion {
  id: string
  type: 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'select'
  label: LocalizedJson
  required: boolean
  options?: Array<{ value: string; label: LocalizedJson }>
}

/** A category of appeals as filing and the catalogue show it. */
export interface AppealCategory {
  id: string
  group: string
  name: LocalizedJson
  termDays: number
  duplicateRadiusM: number
  responsibility: string
  questions: CategoryQuestion[]
}

const TEXT_MAX = 500

/**
 * Checks the answers to a category's extra questions: every key a question, every value of its
 * type, every required one present. Returns the answers normalised (numbers as numbers).
 */
export function checkAnswers(category: AppealCategory, answers: Record<string, unknown>, field = 'body.answers'): { answers: Record<string, unknown>; errors: FieldError[] } {
  const errors: FieldError[] = []
  const clean: Record<string, unknown> = {}
  const byId = new Map(category.questions.map((q) => [q.id, q]))
  for (const key of Object.keys(answers)) {
    if (!byId.has(key)) errors.push({ field: `${field}.${key}`, message: `"${category.id}" asks no question "${key}"` })
  }
  for (const q of category.questions) {
    const raw = answers[q.id]
    const at = `${field}.${q.id}`
    if (raw === undefined || raw === null || raw === '') {
      if (q.required) errors.push({ field: at, message: 'is required' })
      continue
    }
    const value = typeof raw === 'string' ? raw.trim() : raw
    switch (q.type) {
      case 'text':
        if (typeof value !== 'string' || value.length > TEXT_MAX) errors.push({ field: at, message: `must be text of at most ${TEXT_MAX} characters` })
        else clean[q.id] = value
        break
      case 'integer':
      case 'number': {
        const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+([.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) : NaN
        if (!Number.isFinite(n) || (q.type === 'integer' && !Number.isInteger(n)) || Math.abs(n) > 1e9) errors.push({ field: at, message: `must be ${q.type === 'integer' ? 'a whole number' : 'a number'}` })
        else clean[q.id] = n
        break
      }
      case 'boolean':
        if (value === true || value === 'true' || value === 'on') clean[q.id] = true
        else if (value === false || value === 'false') clean[q.id] = false
        else errors.push({ field: at, message: 'must be true or false' })
        break
      case 'date':
        if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) errors.push({ field: at, message: 'must be a date YYYY-MM-DD' })
        else clean[q.id] = value
        break
      case 'select':
        if (typeof value !== 'string' || !q.options?.some((o) => o.value === value)) {
          errors.push({ field: at, message: `must be one of: ${(q.options ?? []).map((o) => o.value).join(', ')}` })
        } else clean[q.id] = value
        break
    }
  }
  return { answers: clean, errors }
}
