import type { FeatureCollection } from 'geojson'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PUBLIC_LAYER_STATUSES } from '../../api/contract/index.ts'
import type { SignedInUser } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import { ActionForm, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { AttributeTable } from './AttributeTable.tsx'
import { cabinetHref } from './cabinet-links.ts'
import { FEATURE_SOURCE, FeatureMap } from './FeatureMap.tsx'
import { previewStyleLayers } from './layer-paint.ts'
import { LayerConsultations } from './LayerConsultations.tsx'
import { LayerDocuments } from './LayerDocuments.tsx'
import { LayerStatusBadge } from './LayerStatusBadge.tsx'
import { MetadataFields, metadataBody, metadataOf } from './MetadataFields.tsx'
import { FeatureCollectionSchema, ManagedLayerSchema, revisionExportPath, updateLayer, type ManagedLayer } from './planning-api.ts'
import { PlanningShell } from './PlanningShell.tsx'
import { StatusActions } from './StatusActions.tsx'
import { StyleEditor, type EditableStyle } from './StyleEditor.tsx'
import { VersionsPanel } from './VersionsPanel.tsx'

/** `/planning/cabinet/layers/{id}`: one layer's metadata, attributes, style, status and versions. */
export function PlanningLayerPage({ layerId }: { layerId: string }) {
  return <PlanningShell>{(user, language) => <LayerEditor layerId={layerId} language={language} user={user} />}</PlanningShell>
}

function LayerEditor({ layerId, language, user }: { layerId: string; language: Language; user: SignedInUser }) {
  const { t } = useTranslation()
  const [reloads, setReloads] = useState(0)
  const [changed, setChanged] = useState<ManagedLayer>()
  const loaded = useApiResource(`/api/planning/layers/${encodeURIComponent(layerId)}`, ManagedLayerSchema, reloads)
  if (loaded.status === 'loading') return <p role="status">{t('app.loading')}</p>
  if (loaded.status === 'failed') return <LoadFailure title={loaded.problem.detail ?? loaded.problem.title} />
  // A write answers with the layer as changed; until the next load, that is the layer.
  const layer = changed && changed.version >= loaded.data.version ? changed : loaded.data
  const isPublic = PUBLIC_LAYER_STATUSES.includes(layer.status)
  const mapHref = `/?city=${layer.city}&layers=${layer.id}${language === 'uk' ? '' : `&lang=${language}`}`
  return (
    <>
      <p className="planning__links">
        <a href={cabinetHref('/planning/cabinet', language, layer.city)}>{t('planning.editor.back')}</a>
        {isPublic && <a href={mapHref}>{t('planning.editor.openOnMap')}</a>}
      </p>
      <h1>
        {pickText(layer.title, language)} <LayerStatusBadge status={layer.status} />
      </h1>
      <p className="field-hint">
        <code>{layer.id}</code> · {t('planning.editor.summary', { count: layer.feature_count, revision: layer.revision })}
      </p>
      <StatusActions layer={layer} user={user} onChanged={setChanged} />
      <LayerConsultations layer={layer} language={language} />
      <LayerDocuments layerId={layer.id} language={language} manage />
      <StyleSection key={`style-${layer.revision}`} layer={layer} onSaved={setChanged} />
      <MetadataSection key={`meta-${layer.id}`} layer={layer} language={language} onSaved={setChanged} />
      <VersionsPanel layer={layer} language={language} onPublished={() => setReloads((n) => n + 1)} />
    </>
  )
}

/** The metadata form: titles, description, theme, planning document, source and licence. */
function MetadataSection({ layer, language, onSaved }: { layer: ManagedLayer; language: Language; onSaved(layer: ManagedLayer): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [meta, setMeta] = useState(() => metadataOf(layer))
  const [saved, setSaved] = useState(false)
  const submit = async () => {
    setSaved(false)
    const next = await write.run(() => updateLayer(layer.id, metadataBody(meta)))
    if (next) {
      setSaved(true)
      onSaved(next)
    }
  }
  return (
    <section className="planning-card" aria-labelledby="meta-heading">
      <h2 id="meta-heading">{t('planning.editor.metadata')}</h2>
      <ActionForm write={write} submitLabel={t('planning.editor.saveMetadata')} onSubmit={() => void submit()}>
        <MetadataFields value={meta} onChange={setMeta} write={write} city={layer.city} language={language} />
      </ActionForm>
      <p role="status" className="planning__saved">{saved ? t('planning.editor.saved') : ''}</p>
    </section>
  )
}

/** The attribute schema and the style, with the layer's features drawn live as they will be on the map. */
function StyleSection({ layer, onSaved }: { layer: ManagedLayer; onSaved(layer: ManagedLayer): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [style, setStyle] = useState<EditableStyle>(() => ({ ...layer.style, color: /^#[0-9a-f]{6}$/i.test(layer.style.color) ? layer.style.color : '#4e79a7' }) as EditableStyle)
  const [attributes, setAttributes] = useState(layer.attributes)
  const [saved, setSaved] = useState(false)
  // A draft's features are not in the public API; the revision's export is readable by staff.
  const features = useApiResource(revisionExportPath(layer.id, layer.revision), FeatureCollectionSchema)
  const data = features.status === 'ready' ? features.data : undefined
  const valuesOf = useMemo(() => (field: string) => (data?.features ?? []).map((f) => f.properties?.[field]), [data])
  const submit = async () => {
    setSaved(false)
    const next = await write.run(() => updateLayer(layer.id, { attributes, style }))
    if (next) {
      setSaved(true)
      onSaved(next)
    }
  }
  return (
    <section className="planning-card planning-preview" aria-labelledby="style-heading">
      <h2 id="style-heading">{t('planning.editor.style')}</h2>
      {features.status === 'failed' && <LoadFailure title={features.problem.detail ?? features.problem.title} />}
      <ActionForm write={write} submitLabel={t('planning.editor.saveStyle')} onSubmit={() => void submit()}>
        <div className="planning-preview__body">
          <FeatureMap
            cityId={layer.city}
            data={data as FeatureCollection | undefined}
            styleLayers={previewStyleLayers(FEATURE_SOURCE, layer.geometry_type, style)}
            bbox={layer.bbox}
            label={t('planning.editor.previewLabel', { title: pickText(layer.title, 'uk') })}
          />
          <StyleEditor style={style} onChange={setStyle} geometry={layer.geometry_type} attributes={attributes} valuesOf={valuesOf} />
        </div>
        <AttributeTable attributes={attributes} onChange={setAttributes} />
      </ActionForm>
      <p role="status" className="planning__saved">{saved ? t('planning.editor.saved') : ''}</p>
    </section>
  )
}
