import { useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal } from '../../../api-client/index.ts'
import { errorAttributes, InputError } from '../../../ui/index.ts'
import { ActionForm, useApiWrite } from '../../shared/index.ts'
import type { ActionProps } from './action-props.ts'

const MAX_PHOTOS = 5

/** Uploads 1–5 photos of the work done; they appear on the public page. */
export function WorkPhotosForm({ appeal, onUpdated }: ActionProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const id = useId()
  const input = useRef<HTMLInputElement>(null)
  const [files, setFiles] = useState<File[]>([])
  const send = async () => {
    if (files.length < 1 || files.length > MAX_PHOTOS) {
      write.refuse({ title: t('office.action.work-photos.count', { max: MAX_PHOTOS }), errors: [{ field: 'photos', message: t('office.action.work-photos.count', { max: MAX_PHOTOS }) }] })
      return
    }
    const form = new FormData()
    for (const file of files) form.append('photos', file)
    const next = await write.run(() => actOnAppeal(appeal.number, 'work-photos', form))
    if (!next) return
    setFiles([])
    if (input.current) input.current.value = ''
    onUpdated(next, t('office.done.work-photos', { count: files.length }))
  }
  const error = write.fieldError('photos')
  return (
    <ActionForm write={write} submitLabel={t('office.action.work-photos.submit')} onSubmit={() => void send()}>
      <div className="field-stack">
        <label htmlFor={id}>{t('office.fields.photos', { max: MAX_PHOTOS })}</label>
        <input
          ref={input}
          id={id}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          multiple
          onChange={(event) => setFiles(Array.from(event.target.files ?? []))}
          {...errorAttributes(`${id}-error`, error)}
        />
        <InputError id={`${id}-error`} message={error} />
      </div>
    </ActionForm>
  )
}
