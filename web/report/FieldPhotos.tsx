import { useEffect, useMemo, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { InputError } from '../ui/index.ts'
import { MAX_PHOTO_BYTES, MAX_PHOTOS, PHOTO_TYPES } from './report-draft.ts'

/** Props of {@link FieldPhotos}. */
export interface FieldPhotosProps {
  photos: readonly File[]
  error: string | undefined
  onChange(photos: File[]): void
}

/** Phones take pictures with the camera; elsewhere `capture` is ignored or opens a webcam dialog. */
const isPhone = () => window.matchMedia('(pointer: coarse)').matches

/**
 * Up to five photos with previews and a remove button each. Files of other types or over
 * 10 MB are turned away here with a message, as the API would. On phones a second button
 * opens the camera directly (`capture`).
 */
export function FieldPhotos({ photos, error, onChange }: FieldPhotosProps) {
  const { t } = useTranslation()
  const [refused, setRefused] = useState<string[]>([])
  const previews = useMemo(() => photos.map((photo) => ({ photo, url: URL.createObjectURL(photo) })), [photos])
  useEffect(() => () => previews.forEach(({ url }) => URL.revokeObjectURL(url)), [previews])

  const add = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])]
    event.currentTarget.value = '' // the same file may be picked again after removing it
    const accepted: File[] = []
    const messages: string[] = []
    for (const file of files) {
      if (!PHOTO_TYPES.has(file.type)) messages.push(t('report.photos.wrongType', { name: file.name }))
      else if (file.size > MAX_PHOTO_BYTES) messages.push(t('report.photos.tooLarge', { name: file.name }))
      else if (photos.length + accepted.length >= MAX_PHOTOS) messages.push(t('report.photos.tooMany', { count: MAX_PHOTOS }))
      else accepted.push(file)
    }
    setRefused([...new Set(messages)])
    if (accepted.length > 0) onChange([...photos, ...accepted])
  }

  const full = photos.length >= MAX_PHOTOS
  return (
    <fieldset className="field-photos field-stack" aria-describedby="report-photos-hint">
      <legend>
        {t('report.photos.legend')} <span className="field-optional">{t('report.optional')}</span>
      </legend>
      <p id="report-photos-hint" className="field-hint">
        {t('report.photos.hint', { count: MAX_PHOTOS })}
      </p>
      <div className="report-step__actions">
        <label className="button button--secondary file-button" data-disabled={full}>
          {t('report.photos.choose')}
          <input type="file" accept="image/*" multiple disabled={full} onChange={add} className="file-button__input" />
        </label>
        {isPhone() && (
          <label className="button button--secondary file-button" data-disabled={full}>
            {t('report.photos.camera')}
            <input type="file" accept="image/*" capture="environment" disabled={full} onChange={add} className="file-button__input" />
          </label>
        )}
      </div>
      {previews.length > 0 && (
        <ul className="field-photos__list">
          {previews.map(({ photo, url }, index) => (
            <li key={url}>
              <img src={url} alt={t('report.photos.preview', { index: index + 1, name: photo.name })} />
              <button
                type="button"
                className="button button--small"
                aria-label={t('report.photos.removeNamed', { index: index + 1, name: photo.name })}
                onClick={() => onChange(photos.filter((other) => other !== photo))}
              >
                {t('report.photos.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {refused.map((message) => (
        <p key={message} className="input-error" role="alert">
          {message}
        </p>
      ))}
      <InputError id="report-photos-error" message={error} />
    </fieldset>
  )
}
