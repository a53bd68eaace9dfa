import type { LayerSummary } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/**
 * The label in `language` of a feature's value of the attribute its layer is coloured by
 * (`style.categoryField`): "Дозвіл чинний" rather than `valid`. Undefined for any other
 * attribute, or a value the legend does not name, which then shows as it is.
 * @example categoryLabel(permitsLayer.style, 'status', 'valid', 'uk') // 'Дозвіл чинний'
 */
export function categoryLabel(style: LayerSummary['style'], attribute: string, value: unknown, language: Language): string | undefined {
  if (style.categoryField !== attribute || value === null || value === undefined) return undefined
  const category = style.categories?.find((c) => String(c.value) === String(value))
  return category && pickText(category.label, language)
}
