import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal, type OfficeActionBodies, type RedactionRegion } from '../../../api-client/index.ts'
import { ActionForm, useApiWrite } from '../../shared/index.ts'
import { FieldText } from '../../../ui/index.ts'
import type { ActionProps } from './action-props.ts'
import { PhotoRedactor } from './PhotoRedactor.tsx'

/**
 * Removes personal data from what the public sees: an edited description and black boxes over
 * parts of photos, with the reason for the audit trail. Only what was changed is sent.
 */
export function RedactForm({ appeal, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [description, setDescription] = useState(appeal.description)
  const [boxes, setBoxes] = useState<Record<number, RedactionRegion[]>>({})
  const [reason, setReason] = useState('')
  const send = async () => {
    const body: OfficeActionBodies['redact'] = { reason }
    if (description !== appeal.description) body.description = description
    const photos = Object.entries(boxes)
      .filter(([, regions]) => regions.length > 0)
      .map(([id, regions]) => ({ id: Number(id), regions }))
    if (photos.length > 0) body.photos = photos
    const next = await write.run(() => actOnAppeal(appeal.number, 'redact', body))
    if (!next) return
    setBoxes({})
    onUpdated(next, t('office.done.redact'))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.action.redact.submit')} onSubmit={() => void send()}>
      <FieldText label={t('office.fields.description')} value={description} onChange={setDescription} rows={6} error={write.fieldError('description')} />
      {appeal.photos.map((photo, index) => (
        <PhotoRedactor
          key={photo.id}
          photo={photo}
          index={index + 1}
          regions={boxes[photo.id] ?? []}
          onChange={(regions) => setBoxes((current) => ({ ...current, [photo.id]: regions }))}
        />
      ))}
      <FieldText label={t('office.fields.reason')} hint={t('office.action.redact.reasonHint')} value={reason} onChange={setReason} rows={2} required error={write.fieldError('reason')} />
    </ActionForm>
  )
}
