import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal, AppealNumberSchema, OfficeAppealSchema } from '../../../api-client/index.ts'
import { StatusBadge } from '../../../appeals/index.ts'
import { useApiResource } from '../../../hooks/index.ts'
import { pickText } from '../../../i18n/index.ts'
import { ActionForm, useApiWrite } from '../../shared/index.ts'
import { FieldText } from '../../../ui/index.ts'
import type { ActionProps } from './action-props.ts'
import { NearbyCandidates } from './NearbyCandidates.tsx'

/**
 * Marks the appeal as a duplicate of an earlier one: the number typed (or picked from the open
 * appeals of the same category nearby) is looked up and shown before merging.
 */
export function MergeForm({ appeal, language, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [number, setNumber] = useState('')
  const candidate = number.trim().toUpperCase()
  const valid = AppealNumberSchema.safeParse(candidate).success && candidate !== appeal.number
  const found = useApiResource(valid ? `/api/office/appeals/${candidate}` : undefined, OfficeAppealSchema)
  const send = async () => {
    const next = await write.run(() => actOnAppeal(appeal.number, 'merge', { duplicate_of: candidate }))
    if (next) onUpdated(next, t('office.done.merge', { number: candidate }))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.merge.submit')} onSubmit={() => void send()}>
      {appeal.location && <NearbyCandidates appeal={appeal} location={appeal.location} onPick={setNumber} />}
      <FieldText label={t('office.fields.duplicateOf')} hint={t('office.action.merge.numberHint')} value={number} onChange={setNumber} required error={write.fieldError('duplicate_of')} autoComplete='off' />
      <div className="office-candidate" aria-live="polite">
        {valid && found.status === 'ready' && (
          <p>
            <StatusBadge status={found.data.status} /> {pickText(found.data.category.name, language)}
            {found.data.address && `, ${found.data.address}`}: <span className="office-table__excerpt">{found.data.description}</span>
          </p>
        )}
        {valid && found.status === 'failed' && <p className="input-error">{found.problem.status === 404 ? t('appeal.notFound', { number: candidate }) : found.problem.title}</p>}
      </div>
    </ActionForm>
  )
}
