import { useTranslation } from 'react-i18next'
import type { AppealCategory } from '../api-client/index.ts'
import { errorAttributes, InputError } from '../ui/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

/** Props of {@link FieldCategory}. */
export interface FieldCategoryProps {
  categories: readonly AppealCategory[]
  value: string | undefined
  language: Language
  error: string | undefined
  onChange(categoryId: string): void
}

/** The categories as radio buttons grouped by their group, in catalogue order. */
export function FieldCategory({ categories, value, language, error, onChange }: FieldCategoryProps) {
  const { t } = useTranslation()
  const groups = [...new Set(categories.map((category) => category.group))]
  return (
    <fieldset className="field-category" {...errorAttributes('report-category-error', error)}>
      <legend className="visually-hidden">{t('report.category.legend')}</legend>
      {groups.map((group) => (
        <fieldset key={group} className="field-category__group">
          <legend>{t(`appealGroup.${group}`, { defaultValue: group })}</legend>
          {categories
            .filter((category) => category.group === group)
            .map((category) => (
              <label key={category.id} className="choice">
                <input
                  type="radio"
                  name="report-category"
                  value={category.id}
                  checked={value === category.id}
                  onChange={() => onChange(category.id)}
                />
                <span>
                  {pickText(category.name, language)}
                  <span className="choice__note">{t('report.category.term', { count: category.term_days })}</span>
                </span>
              </label>
            ))}
        </fieldset>
      ))}
      <InputError id="report-category-error" message={error} />
    </fieldset>
  )
}
