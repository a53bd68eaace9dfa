import type { AttributeField, AttributeType } from '../catalogue/index.ts'
import type { Scalar } from './check-feature.ts'

const DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/

/** Collects the keys and value types seen in imported properties. */
export class AttributeSurvey {
  readonly #types = new Map<string, Set<AttributeType>>()

  /** Records one feature's properties. */
  add(properties: Record<string, Scalar>): void {
    for (const [key, value] of Object.entries(properties)) {
      let seen = this.#types.get(key)
      if (!seen) this.#types.set(key, (seen = new Set()))
      seen.add(typeOf(value))
    }
  }

  /** One field per key, labelled by its name, typed by the values seen (mixed → string); public unless named private. */
  fields(privateNames: readonly string[] = []): AttributeField[] {
    return [...this.#types].map(([name, types]) => ({
      name,
      type: types.size === 1 ? [...types][0]! : types.size === 2 && types.has('integer') && types.has('number') ? 'number' : 'string',
      label: { uk: name, en: name },
      public: !privateNames.includes(name),
    }))
  }
}

function typeOf(value: Scalar): AttributeType {
  if (typeof value === 'boolean') return 'boolean'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return DATE.test(value) ? 'date' : 'string'
}
