import type { LocalizedJson } from '../../db/index.ts'
import type { AppealCategory, CategoryQuestion } from '../appeals/index.ts'
import type { Locale } from './open311.schemas.ts'

const DESCRIPTION: Record<Locale, { service: (name: string) => string; details: (labels: string[]) => string }> = {
  uk: { service: (name) => `Звернення до міста: «${name}».`, details: (labels) => ` Додаткові відомості: ${labels.join('; ')}.` },
  en: { service: (name) => `An appeal to the city: "${name}".`, details: (labels) => ` Details asked: ${labels.join('; ')}.` },
}

/** What the service is, from its category: its name and the details it asks for. */
function serviceDescription(category: AppealCategory, locale: Locale): string {
  const { service, details } = DESCRIPTION[locale]
  const labels = category.questions.map((q) => q.label[locale])
  return service(category.name[locale]) + (labels.length > 0 ? details(labels) : '')
}

/**
 * An appeal category as a GeoReport v2 service, named and described in `locale`;
 * `synthetic_requests` (our extension) says whether its requests include generated ones.
 */
export function toService(category: AppealCategory, locale: Locale, syntheticRequests: boolean) {
  return {
    service_code: category.id,
    service_name: category.name[locale],
    description: serviceDescription(category, locale),
    metadata: category.questions.length > 0,
    type: 'realtime' as const,
    keywords: [category.group, category.id].join(','),
    group: category.group,
    synthetic_requests: syntheticRequests,
  }
}

/** The attribute datatypes of GeoReport v2. */
export type Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist'

const DATATYPES: Record<CategoryQuestion['type'], { datatype: Datatype; description: LocalizedJson }> = {
  text: { datatype: 'string', description: { uk: 'Короткий текст', en: 'Short text' } },
  integer: { datatype: 'number', description: { uk: 'Ціле число', en: 'A whole number' } },
  number: { datatype: 'number', description: { uk: 'Число', en: 'A number' } },
  // checkAnswers takes a calendar date, not a time.
  date: { datatype: 'datetime', description: { uk: 'Дата у форматі РРРР-ММ-ДД', en: 'A date as YYYY-MM-DD' } },
  boolean: { datatype: 'singlevaluelist', description: { uk: 'Так чи ні', en: 'Yes or no' } },
  select: { datatype: 'singlevaluelist', description: { uk: 'Один із варіантів', en: 'One of the values' } },
}

const YES_NO = [
  { value: 'true', label: { uk: 'Так', en: 'Yes' } },
  { value: 'false', label: { uk: 'Ні', en: 'No' } },
]

/** The datatype a question is shown as: every question of ours takes one value. */
export function attributeDatatype(question: CategoryQuestion): Datatype {
  return DATATYPES[question.type].datatype
}

/**
 * A category's extra questions as a GeoReport v2 service definition, in `locale`, with the
 * days the city has to answer (`term_days`, our extension).
 */
export function toServiceDefinition(category: AppealCategory, locale: Locale) {
  return {
    service_code: category.id,
    term_days: category.termDays,
    attributes: category.questions.map((q, i) => {
      const { datatype, description } = DATATYPES[q.type]
      const options = q.type === 'boolean' ? YES_NO : q.options
      return {
        variable: true,
        code: q.id,
        datatype,
        required: q.required,
        datatype_description: description[locale],
        order: i + 1,
        description: q.label[locale],
        ...(datatype === 'singlevaluelist' && { values: (options ?? []).map((o) => ({ key: o.value, name: o.label[locale] })) }),
      }
    }),
  }
}
