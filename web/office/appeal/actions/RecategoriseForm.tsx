import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal } from '../../../api-client/office-api.ts'
import { AppealCategoryListSchema } from '../../../api-client/appeal-schemas.ts'
import { useApiResource } from '../../../hooks/use-api-resource.ts'
import { pickText } from '../../../i18n/i18n.ts'
import { ActionForm } from '../../ActionForm.tsx'
import { FieldSelect } from '../../FieldSelect.tsx'
import { useApiWrite } from '../../use-api-write.ts'
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
