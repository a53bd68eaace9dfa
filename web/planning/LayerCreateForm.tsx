import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { City } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import type { ManagedAttribute } from './attribute-schema.ts'
import { AttributeTable } from './AttributeTable.tsx'
import { layerSlugFor } from './layer-slug.ts'
import { MetadataFields, metadataBody, type LayerMetadata } from './MetadataFields.tsx'
import { createLayer, type LayerUpload, type ManagedLayer } from './planning-api.ts'
import type { EditableStyle } from './StyleEditor.tsx'

/** Props of {@link LayerCreateForm}. */
export interface LayerCreateFormProps {
  upload: LayerUpload
  cities: readonly City[]
  cityId: string
  language: Language
  attributes: ManagedAttribute[]
  onAttributesChange(attributes: ManagedAttribute[]): void
  /** Whether the planner changed the attribute schema: only then is it sent (the server's defaults are the same). */
  attributesEdited: boolean
  style: EditableStyle
  onCreated(layer: ManagedLayer): void
}

/**
 * Makes a draft layer of an upload: its id (suggested from the file name), city, metadata and
 * attribute schema, with the style chosen beside it; `POST /api/layers`.
 */
export function LayerCreateForm({ upload, cities, cityId, language, attributes, onAttributesChange, attributesEdited, style, onCreated }: LayerCreateFormProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [id, setId] = useState(() => layerSlugFor(upload.file_name, cityId))
  const [city, setCity] = useState(cityId)
  const [meta, setMeta] = useState<LayerMetadata>({
    titleUk: upload.file_name.replace(/\.[^.]+$/, ''),
    titleEn: '',
    descriptionUk: '',
    descriptionEn: '',
    theme: 'urban-planning',
    documentType: '',
    decisionNumber: '',
    decisionDate: '',
    developer: '',
    source: '',
    licence: 'CC BY 4.0',
    attribution: '',
    organisation: '',
    updateFrequency: 'irregular',
    legalBasisUk: '',
    legalBasisEn: '',
    responsibleRoleUk: '',
    responsibleRoleEn: '',
  })
  const samples = Object.fromEntries(upload.fields.map((field) => [field.name, field.samples]))

  const submit = async () => {
    const layer = await write.run(() =>
      createLayer({
        upload: upload.id,
        city,
        id,
        status: 'draft',
        ...metadataBody(meta),
        ...(attributesEdited && { attributes }),
        style,
      }),
    )
    if (layer) onCreated(layer)
  }

  return (
    <section className="planning-card" aria-labelledby="layer-create-heading">
      <h2 id="layer-create-heading">{t('planning.create.heading')}</h2>
      <ActionForm write={write} submitLabel={t('planning.create.submit')} onSubmit={() => void submit()}>
        <div className="form-grid">
          <FieldText label={t('planning.create.id')} hint={t('planning.create.idHint')} value={id} required maxLength={100} onChange={setId} error={write.fieldError('id')} />
          <FieldSelect
            label={t('planning.create.city')}
            value={city}
            options={cities.map((c) => ({ value: c.id, label: pickText(c.name, language) }))}
            onChange={(next) => {
              setCity(next)
              if (id === layerSlugFor(upload.file_name, city)) setId(layerSlugFor(upload.file_name, next))
            }}
            error={write.fieldError('city')}
          />
        </div>
        <MetadataFields value={meta} onChange={setMeta} write={write} city={city} language={language} />
        <AttributeTable attributes={attributes} onChange={onAttributesChange} samples={samples} />
      </ActionForm>
    </section>
  )
}
