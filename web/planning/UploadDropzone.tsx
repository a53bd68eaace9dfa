import { useId, useState, type DragEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, type Problem } from '../api-client/index.ts'
import { FormProblem } from '../office/shared/index.ts'
import { uploadLayerFile, type LayerUpload } from './planning-api.ts'

/** The formats the server reads, for the file picker's filter. */
const ACCEPT = '.zip,.geojson,.json,.gz,.gpkg,.kml,.csv'

/**
 * A file picker that also takes a dropped file, and sends it to `POST /api/layer-uploads` with
 * the share sent shown as a progress bar; the server's report goes to `onUploaded`, a refusal is
 * shown here.
 */
export function UploadDropzone({ onUploaded, label }: { onUploaded(upload: LayerUpload): void; label?: string }) {
  const { t } = useTranslation()
  const id = useId()
  const [progress, setProgress] = useState<number>()
  const [problem, setProblem] = useState<Problem>()
  const [dragging, setDragging] = useState(false)

  const send = async (file: File | undefined) => {
    if (!file || progress !== undefined) return
    setProblem(undefined)
    setProgress(0)
    try {
      onUploaded(await uploadLayerFile(file, { onProgress: setProgress }))
    } catch (error) {
      if (!(error instanceof ApiProblemError)) throw error
      setProblem(error.problem)
    } finally {
      setProgress(undefined)
    }
  }
  const drop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    void send(event.dataTransfer.files[0])
  }

  return (
    <div
      className="upload-dropzone"
      data-dragging={dragging}
      onDragOver={(event) => {
        event.preventDefault()
        setDragging(true)
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <label htmlFor={id} className="upload-dropzone__label">
        {label ?? t('planning.upload.choose')}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {t('planning.upload.hint')}
      </p>
      <input
        id={id}
        type="file"
        accept={ACCEPT}
        aria-describedby={`${id}-hint`}
        disabled={progress !== undefined}
        onChange={(event) => {
          const input = event.currentTarget
          void send(input.files?.[0]).then(() => (input.value = ''))
        }}
      />
      {progress !== undefined && (
        <div className="upload-dropzone__progress" role="status">
          <progress max={1} value={progress < 1 ? progress : undefined} aria-label={t('planning.upload.progress')} />
          <span>{progress < 1 ? t('planning.upload.sending', { percent: Math.round(progress * 100) }) : t('planning.upload.reading')}</span>
        </div>
      )}
      <FormProblem problem={problem} />
    </div>
  )
}
