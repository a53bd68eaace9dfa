import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { sendJson } from '../api-client/index.ts'
import { ObjectDocument, ObjectPhoto } from '../../api/contract/index.ts'
import { ActionForm, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'

type Photo = z.infer<typeof ObjectPhoto>
type Document = z.infer<typeof ObjectDocument>

/**
 * An object's photos as thumbnails that open the full picture, and its PDFs, each opening in the
 * browser's viewer. Nothing is shown when there are none.
 */
export function ObjectFiles({ photos, documents = [] }: { photos: ReadonlyArray<Photo & { stage?: string }>; documents?: readonly Document[] }) {
  const { t } = useTranslation()
  if (photos.length + documents.length === 0) return null
  return (
    <section aria-labelledby="object-files-heading" className="object-files">
      <h2 id="object-files-heading">{t('property.files.heading')}</h2>
      {photos.length > 0 && (
        <ul className="object-files__photos">
          {photos.map((p) => (
            <li key={p.id}>
              <a href={new URL(p.url).pathname}>
                <img src={new URL(p.thumbnail_url).pathname + new URL(p.thumbnail_url).search} alt={p.caption || t('property.files.photo')} loading="lazy" />
              </a>
              {(p.caption || p.stage) && <span>{[p.stage && t(`property.files.stage.${p.stage}`), p.caption].filter(Boolean).join(' · ')}</span>}
            </li>
          ))}
        </ul>
      )}
      {documents.length > 0 && (
        <ul className="object-files__documents">
          {documents.map((d) => (
            <li key={d.id}>
              <a href={new URL(d.url).pathname} type="application/pdf">
                {d.title}
              </a>{' '}
              <span className="field-hint">PDF{d.pages ? ` · ${t('property.files.pages', { count: d.pages })}` : ''}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/**
 * The property manager's upload of a photo (`kind: 'photo'`, with a caption) or a PDF
 * (`kind: 'document'`, with a title) to `url`; `onDone` gets the object as the server answers it.
 */
export function ObjectFileUpload<T>({ kind, url, schema, onDone, fields = {}, submitLabel }: {
  kind: 'photo' | 'document'
  url: string
  schema: z.ZodType<T>
  onDone(object: T): void
  /** Fields the server wants besides the file and its text, e.g. a repair photo's `stage`. */
  fields?: Record<string, string>
  submitLabel?: string
}) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const inputId = useId()
  const [file, setFile] = useState<File>()
  const [text, setText] = useState('')
  const [done, setDone] = useState(false)
  const field = kind === 'photo' ? 'photo' : 'file'
  const upload = async () => {
    setDone(false)
    if (!file) {
      write.refuse({ title: t('property.files.noFile'), status: 400, errors: [{ field, message: t('property.files.noFile') }] })
      return
    }
    const form = new FormData()
    form.set(field, file)
    form.set(kind === 'photo' ? 'caption' : 'title', text)
    for (const [name, value] of Object.entries(fields)) form.set(name, value)
    const answer = await write.run(() => sendJson(url, schema, { body: form }))
    if (answer) {
      setDone(true)
      setText('')
      onDone(answer)
    }
  }
  return (
    <ActionForm write={write} submitLabel={submitLabel ?? t(kind === 'photo' ? 'property.files.addPhoto' : 'property.files.addDocument')} onSubmit={() => void upload()}>
      <div className="field-stack">
        <label htmlFor={inputId}>{t(kind === 'photo' ? 'property.files.photoFile' : 'property.files.documentFile')}</label>
        <input
          id={inputId}
          type="file"
          accept={kind === 'photo' ? 'image/jpeg,image/png,image/webp' : 'application/pdf'}
          aria-invalid={write.fieldError(field) ? true : undefined}
          onChange={(e) => setFile(e.currentTarget.files?.[0])}
        />
        {write.fieldError(field) && <p className="field-error">{write.fieldError(field)}</p>}
      </div>
      <FieldText label={t(kind === 'photo' ? 'property.files.caption' : 'property.files.title')} value={text} onChange={setText} error={write.fieldError(kind === 'photo' ? 'caption' : 'title')} />
      {done && <p role="status">{t('property.files.added')}</p>}
    </ActionForm>
  )
}
