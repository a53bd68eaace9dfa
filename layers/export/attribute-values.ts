import { type AttributeType, isoDate, type Layer } from '../catalogue/index.ts'
import type { PublicFeature } from '../index.ts'

/** A value as the typed export formats write it: null when absent or not of the attribute's type. */
export type TypedValue = string | number | boolean | null

/** A number written as a JSON number or as text (`"12"`, `"12,5"` with a decimal comma); null otherwise. */
function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value !== 'string' || !/^\s*-?\d+([.,]\d+)?\s*$/.test(value)) return null
  return Number(value.trim().replace(',', '.'))
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'так', 't', 'y'])
const FALSE_WORDS = new Set(['false', '0', 'no', 'ні', 'f', 'n'])

/**
 * A stored property as its attribute's type says: integers and numbers as numbers, booleans as
 * booleans, dates as `YYYY-MM-DD`, text as text. A value that is not of the type (the literal
 * "NA" in a number column) becomes null, as GDAL's typed drivers would read it.
 */
export function typedValue(type: AttributeType, value: unknown): TypedValue {
  if (value === null || value === undefined || value === '') return null
  switch (type) {
    case 'integer': {
      const n = numberOf(value)
      return n !== null && Number.isSafeInteger(n) ? n : null
    }
    case 'number':
      return numberOf(value)
    case 'boolean': {
      if (typeof value === 'boolean') return value
      const word = String(value).trim().toLowerCase()
      return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : null
    }
    case 'date':
      return isoDate(value)
    case 'string':
      return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)
  }
}

/**
 * The features with every public attribute as {@link typedValue} makes it (absent ones as null),
 * for the GeoJSON export, so that GIS read the same types from every format.
 */
export async function* withTypedProperties(
  layer: Pick<Layer, 'attributes'>,
  features: AsyncIterable<PublicFeature>,
): AsyncGenerator<Omit<PublicFeature, 'properties'> & { properties: Record<string, TypedValue> }> {
  const fields = layer.attributes.filter((a) => a.public)
  for await (const f of features) yield { ...f, properties: Object.fromEntries(fields.map((a) => [a.name, typedValue(a.type, f.properties[a.name])])) }
}
