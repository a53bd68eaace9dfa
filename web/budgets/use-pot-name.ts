import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import type { BudgetEdition } from './budget-api.ts'

/**
 * The name of a pot by its key (`city`, `d3`, `d3:small`) as residents read it: the district's
 * name (or "the whole city") and its class of projects. An unknown key is shown as it is.
 */
export function usePotName(pots: BudgetEdition['pots'] | undefined): (key: string) => string {
  const { t } = useTranslation()
  return useCallback(
    (key: string) => {
      const pot = pots?.find((p) => p.key === key)
      if (!pot) return key
      return `${pot.district?.name ?? t('budgets.money.city')}${pot.size_class ? ` · ${t(`budgets.money.${pot.size_class}`)}` : ''}`
    },
    [pots, t],
  )
}
