import { useTranslation } from 'react-i18next'
import { AppealCategoryListSchema, type LayerSummary } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/**
 * The human words for the codes an appeals layer's features carry: a status ("Вирішено", not
 * `resolved`), a category by its name in the city's catalogue, a group by its title. For any
 * other layer, or a value with no words, undefined: the value shows as it is.
 */
export function useAppealValueLabels(layer: LayerSummary | undefined, language: Language): (attribute: string, value: unknown) => string | undefined {
  const { t } = useTranslation()
  const appeals = layer?.theme === 'appeals'
  const categories = useApiResource(appeals ? `/api/appeal-categories?city=${encodeURIComponent(layer.city)}` : undefined, AppealCategoryListSchema)
  return (attribute, value) => {
    if (!appeals || typeof value !== 'string') return undefined
    if (attribute === 'status') return t(`appealStatus.${value}`, { defaultValue: value })
    if (attribute === 'group') return t(`appealGroup.${value}`, { defaultValue: value })
    if (attribute === 'category' && categories.status === 'ready') {
      const category = categories.data.find((c) => c.id === value)
      return category && pickText(category.name, language)
    }
    return undefined
  }
}
