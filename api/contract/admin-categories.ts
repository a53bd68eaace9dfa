/** The appeal categories as the administrator edits them: `/api/admin/categories`. */
import { z } from 'zod'
import { adminPage, changesSomething, LocalizedName, Responsibility, ADMIN_WRITE_PROBLEMS } from './admin.ts'
import { CategoryQuestion } from './appeals.ts'
import { LocalizedText, Slug } from './common.ts'
import { LEGAL_TERM_DAYS } from './enums.ts'
import { apiRoute } from './route.ts'

// The types a question may have: the public category's list.
const QUESTION_TYPES = CategoryQuestion.shape.type.options

/** A category as the administrator edits it, inactive ones included. */
export const AdminCategory = z
  .object({
    id: Slug,
    group: z.string(),
    name: LocalizedText,
    term_days: z.literal(LEGAL_TERM_DAYS).meta({ description: "Days to answer, as the law on citizens' appeals allows." }),
    duplicate_radius_m: z.number().int(),
    responsibility: z.string(),
    questions: z.array(CategoryQuestion),
    sort: z.number().int(),
    active: z.boolean(),
  })
  .meta({ id: 'AdminCategory' })
export type AdminCategory = z.infer<typeof AdminCategory>

export const AdminCategoryPage = adminPage(AdminCategory).meta({ id: 'AdminCategoryPage' })

const SelectOption = z
  .object({
    value: z.string('must be text').regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be a short code like small or hot_water'),
    label: LocalizedName,
  })
  .strict()

/**
 * One extra question of a category, in the shape `checkAnswers` reads: a `select` lists its
 * options (unique values), every other type has none.
 */
const QuestionInput = z
  .object({
    id: z.string('must be text').regex(/^[a-z][a-z0-9_]{0,63}$/, 'must be a code like pole_number'),
    type: z.enum(QUESTION_TYPES, `must be one of: ${QUESTION_TYPES.join(', ')}`),
    label: LocalizedName,
    required: z.boolean('must be true or false'),
    options: z.array(SelectOption).min(1, 'must list at least one option').max(50).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    if (q.type === 'select' && !q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'is required for a select question' })
    if (q.type !== 'select' && q.options) ctx.addIssue({ code: 'custom', path: ['options'], message: 'is only for select questions' })
    const values = new Set<string>()
    q.options?.forEach((o, i) => {
      if (values.has(o.value)) ctx.addIssue({ code: 'custom', path: ['options', i, 'value'], message: `"${o.value}" is given twice` })
      values.add(o.value)
    })
  })

const QuestionsInput = z
  .array(QuestionInput)
  .max(20, 'must be at most 20 questions')
  .superRefine((questions, ctx) => {
    const ids = new Set<string>()
    questions.forEach((q, i) => {
      if (ids.has(q.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${q.id}" is given twice` })
      ids.add(q.id)
    })
  })

const CategoryFields = {
  group: Slug.max(63, 'must be at most 63 characters'),
  name: LocalizedName,
  // Law "On citizens' appeals", art. 20.
  term_days: z.literal(LEGAL_TERM_DAYS, `must be ${LEGAL_TERM_DAYS.join(' or ')}`),
  duplicate_radius_m: z.number('must be a number').int('must be a whole number').min(10, 'must be at least 10').max(2000, 'must be at most 2000'),
  responsibility: Responsibility,
  questions: QuestionsInput,
  sort: z.number('must be a number').int('must be a whole number').min(-32768).max(32767),
  active: z.boolean('must be true or false'),
}

/** `/{id}`, a category slug. */
export const CategoryParams = z.object({ id: Slug })

/** A new category; by default it asks no questions, sorts at 0 and is active. */
export const CategoryCreateBody = z
  .object({
    id: Slug.max(63, 'must be at most 63 characters'),
    ...CategoryFields,
    questions: CategoryFields.questions.default([]),
    sort: CategoryFields.sort.default(0),
    active: CategoryFields.active.default(true),
  })
  .strict()
export type CategoryCreateBody = z.infer<typeof CategoryCreateBody>

/** Any field but the id. A new term applies to appeals filed from then on. */
export const CategoryPatchBody = z
  .object({
    group: CategoryFields.group.optional(),
    name: CategoryFields.name.optional(),
    term_days: CategoryFields.term_days.optional(),
    duplicate_radius_m: CategoryFields.duplicate_radius_m.optional(),
    responsibility: CategoryFields.responsibility.optional(),
    questions: CategoryFields.questions.optional(),
    sort: CategoryFields.sort.optional(),
    active: CategoryFields.active.optional(),
  })
  .strict()
  .refine(...changesSomething('group, name, term_days, duplicate_radius_m, responsibility, questions, sort, active'))
export type CategoryPatchBody = z.infer<typeof CategoryPatchBody>

export const listAdminCategoriesRoute = apiRoute({
  method: 'get',
  path: '/api/admin/categories',
  summary: 'List every appeal category',
  tags: ['admin'],
  security: ['session'],
  responses: { 200: { description: 'Every category, active or not, in catalogue order.', schema: AdminCategoryPage } },
  problems: [401, 403],
})

export const createCategoryRoute = apiRoute({
  method: 'post',
  path: '/api/admin/categories',
  summary: 'Add an appeal category',
  tags: ['admin'],
  security: ['session'],
  request: { body: { json: CategoryCreateBody } },
  responses: { 201: { description: 'The category added.', schema: AdminCategory } },
  problems: [...ADMIN_WRITE_PROBLEMS, 409],
})

export const updateCategoryRoute = apiRoute({
  method: 'patch',
  path: '/api/admin/categories/{id}',
  summary: 'Change an appeal category',
  description: 'A category is never deleted: appeals keep it, so it is retired with `active: false`. A new term applies to appeals filed from then on.',
  tags: ['admin'],
  security: ['session'],
  request: { params: CategoryParams, body: { json: CategoryPatchBody } },
  responses: { 200: { description: 'The category as changed.', schema: AdminCategory } },
  problems: [...ADMIN_WRITE_PROBLEMS, 404],
})

/** The routes of `/api/admin/categories`. */
export const ADMIN_CATEGORY_ROUTES = [listAdminCategoriesRoute, createCategoryRoute, updateCategoryRoute]
