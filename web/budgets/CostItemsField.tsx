import { useTranslation } from 'react-i18next'
import { LOCALE_OF } from '../i18n/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { costTotal, type CostRow } from './cost-items.ts'
import { formatMoney } from './money.ts'

/** The proposal's cost as line items, each with the API's error next to it, and the total computed as the author types. */
export function CostItemsField({ rows, onChange, language, fieldError }: { rows: readonly CostRow[]; onChange(rows: CostRow[]): void; language: Language; fieldError(name: string): string | undefined }) {
  const { t } = useTranslation()
  const set = (index: number, patch: Partial<CostRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)))
  const listError = rows.every((_, i) => !fieldError(`cost_items.${i}`)) ? fieldError('cost_items') : undefined
  return (
    <fieldset className="budget-costs">
      <legend>{t('budgets.propose.costItems')}</legend>
      {rows.map((row, index) => (
        <div key={index} className="budget-costs__row" data-row={index}>
          <FieldText label={t('budgets.propose.itemName', { n: index + 1 })} value={row.name} onChange={(name) => set(index, { name })} error={fieldError(`cost_items.${index}.name`)} />
          <FieldText label={t('budgets.propose.itemAmount', { n: index + 1 })} inputMode="numeric" value={row.amount} onChange={(amount) => set(index, { amount })} error={fieldError(`cost_items.${index}.amount`)} />
          {rows.length > 1 && (
            <button type="button" className="button button--small button--secondary" onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {t('budgets.propose.removeItem', { n: index + 1 })}
            </button>
          )}
        </div>
      ))}
      {listError && (
        <p className="field-error" role="alert">
          {listError}
        </p>
      )}
      <button type="button" className="button button--small button--secondary" onClick={() => onChange([...rows, { name: '', amount: '' }])}>
        {t('budgets.propose.addItem')}
      </button>
      <p className="budget-costs__total" aria-live="polite" data-total={costTotal(rows)}>
        <strong>{t('budgets.propose.total', { money: formatMoney(costTotal(rows), LOCALE_OF[language]) })}</strong>
      </p>
    </fieldset>
  )
}
