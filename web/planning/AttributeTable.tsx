import { useTranslation } from 'react-i18next'
import type { ManagedAttribute } from './attribute-schema.ts'

/** Props of {@link AttributeTable}. */
export interface AttributeTableProps {
  attributes: readonly ManagedAttribute[]
  onChange(attributes: ManagedAttribute[]): void
  /** Sample values by field name, from the upload. */
  samples?: Record<string, readonly unknown[]>
}

/**
 * The attribute schema of a layer: each field's labels in Ukrainian and English and whether the
 * public sees it. A private field never leaves the database: not in tiles, exports or the map.
 */
export function AttributeTable({ attributes, onChange, samples }: AttributeTableProps) {
  const { t } = useTranslation()
  const change = (index: number, patch: Partial<ManagedAttribute>) => onChange(attributes.map((a, i) => (i === index ? { ...a, ...patch } : a)))
  return (
    <fieldset className="attribute-table">
      <legend>{t('planning.attributes.heading')}</legend>
      <p className="field-hint">{t('planning.attributes.hint')}</p>
      <div className="table-scroll">
        <table className="office-table">
          <thead>
            <tr>
              <th scope="col">{t('planning.attributes.field')}</th>
              <th scope="col">{t('planning.attributes.labelUk')}</th>
              <th scope="col">{t('planning.attributes.labelEn')}</th>
              <th scope="col">{t('planning.attributes.public')}</th>
            </tr>
          </thead>
          <tbody>
            {attributes.map((attribute, i) => (
              <tr key={attribute.name}>
                <th scope="row" data-label={t('planning.attributes.field')}>
                  <code>{attribute.name}</code>
                  <span className="field-hint"> {t(`planning.attributeType.${attribute.type}`)}</span>
                  {samples?.[attribute.name] && <span className="attribute-table__samples">{samples[attribute.name]!.map(String).join(' · ')}</span>}
                </th>
                <td data-label={t('planning.attributes.labelUk')}>
                  <input
                    aria-label={t('planning.attributes.labelUkOf', { field: attribute.name })}
                    value={attribute.label.uk}
                    maxLength={200}
                    onChange={(event) => change(i, { label: { ...attribute.label, uk: event.currentTarget.value } })}
                  />
                </td>
                <td data-label={t('planning.attributes.labelEn')}>
                  <input
                    aria-label={t('planning.attributes.labelEnOf', { field: attribute.name })}
                    value={attribute.label.en}
                    maxLength={200}
                    onChange={(event) => change(i, { label: { ...attribute.label, en: event.currentTarget.value } })}
                  />
                </td>
                <td data-label={t('planning.attributes.public')}>
                  <input
                    type="checkbox"
                    aria-label={t('planning.attributes.publicOf', { field: attribute.name })}
                    checked={attribute.public}
                    onChange={(event) => change(i, { public: event.currentTarget.checked })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  )
}
