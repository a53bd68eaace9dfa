import { useTranslation } from 'react-i18next'
import { LANGUAGES, LanguageSchema, type Language } from '../url-state/index.ts'

/** The language switch: a labelled select; each language is named in itself. */
export function FieldLanguage({ language, onChange }: { language: Language; onChange(language: Language): void }) {
  const { t } = useTranslation()
  return (
    <div className="field">
      <label htmlFor="field-language">{t('language.label')}</label>
      <select
        id="field-language"
        value={language}
        onChange={(event) => {
          const next = LanguageSchema.safeParse(event.currentTarget.value)
          if (next.success) onChange(next.data)
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {t(`language.${option}`)}
          </option>
        ))}
      </select>
    </div>
  )
}
