import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal, AppealCategoryListSchema } from '../../../api-client/index.ts'
import { useApiResource } from '../../../hooks/index.ts'
import { pickText } from '../../../i18n/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../../shared/index.ts'
import type { ActionProps } from './action-props.ts'

/** Moves the appeal to the category it really belongs to (which may change its term and route). */
export function RecategoriseForm({ appeal, language, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const categories = useApiResource('/api/appeal-categories', AppealCategoryListSchema)
  const [category, setCategory] = useState(appeal.category.id)
  const send = async () => {
    const next = await write.run(() => actOnAppeal(appeal.number, 'recategorise', { category }))
    if (next) onUpdated(next, t('office.done.recategorise'))
  }
  const options = categories.status === 'ready' ? categories.data.map((c) => ({ value: c.id, label: pickText(c.name, language) })) : []
  return (
    <ActionForm write={write} submitLabel={t('office.action.recategorise.submit')} onSubmit={() => void send()}>
      <FieldSelect label={t('office.fields.category')} value={category} options={options} onChange={setCategory} error={write.fieldError('category')} required />
    </ActionForm>
  )
}
