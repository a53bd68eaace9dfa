import type { FeatureCollection } from 'geojson'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import { attributesOfUpload, geometryKindOf } from './attribute-schema.ts'
import { FEATURE_SOURCE, FeatureMap } from './FeatureMap.tsx'
import { LayerCreateForm } from './LayerCreateForm.tsx'
import { previewStyleLayers } from './layer-paint.ts'
import { uploadPreviewPath, UploadPreviewSchema, type LayerUpload, type ManagedLayer } from './planning-api.ts'
import { StyleEditor, type EditableStyle } from './StyleEditor.tsx'
import { UploadReport } from './UploadReport.tsx'

/** The first colour of a new layer: the first of the qualitative palette. */
const DEFAULT_COLOR = '#4e79a7'

/**
 * An uploaded file on its way to a layer: the report, the map preview of its features drawn with
 * the style being chosen, and the form that makes the draft.
 */
export function UploadFlow({ upload: first, cities, cityId, language, onCreated }: { upload: LayerUpload; cities: readonly City[]; cityId: string; language: Language; onCreated(layer: ManagedLayer): void }) {
  const { t } = useTranslation()
  const [upload, setUpload] = useState(first)
  const [rereads, setRereads] = useState(0)
  const [attributes, setAttributes] = useState(() => attributesOfUpload(first.fields))
  const [attributesEdited, setAttributesEdited] = useState(false)
  const [style, setStyle] = useState<EditableStyle>({ color: DEFAULT_COLOR })
  const staged = upload.crs !== null && upload.feature_count > 0
  const preview = useApiResource(staged ? uploadPreviewPath(upload.id) : undefined, UploadPreviewSchema, rereads)
  const features = preview.status === 'ready' ? preview.data : undefined
  const geometry = geometryKindOf(upload.geometry_types)
  const valuesOf = useMemo(() => (field: string) => (features?.features ?? []).map((f) => f.properties[field]), [features])

  return (
    <>
      <UploadReport
        upload={upload}
        language={language}
        onReread={(next) => {
          setUpload(next)
          setRereads((n) => n + 1)
          // Another encoding renames nothing but may read other values; the field list is the file's.
          if (!attributesEdited) setAttributes(attributesOfUpload(next.fields))
        }}
      />
      {staged ? (
        <>
          <section className="planning-card planning-preview" aria-labelledby="upload-preview-heading">
            <h2 id="upload-preview-heading">{t('planning.preview.heading')}</h2>
            {features?.truncated && <p className="field-hint">{t('planning.preview.truncated', { count: features.features.length })}</p>}
            <div className="planning-preview__body">
              <FeatureMap
                cityId={cityId}
                data={features as FeatureCollection | undefined}
                styleLayers={previewStyleLayers(FEATURE_SOURCE, geometry, style)}
                bbox={upload.bbox}
                label={t('planning.preview.mapLabel', { file: upload.file_name })}
              />
              <StyleEditor style={style} onChange={setStyle} geometry={geometry} attributes={attributes} valuesOf={valuesOf} />
            </div>
          </section>
          <LayerCreateForm
            key={upload.id}
            upload={upload}
            cities={cities}
            cityId={cityId}
            language={language}
            attributes={attributes}
            onAttributesChange={(next) => {
              setAttributes(next)
              setAttributesEdited(true)
            }}
            attributesEdited={attributesEdited}
            style={style}
            onCreated={onCreated}
          />
        </>
      ) : (
        <p className="planning-card" role="status">
          {upload.crs === null ? t('planning.preview.needsCrs') : t('planning.preview.empty')}
        </p>
      )}
    </>
  )
}
