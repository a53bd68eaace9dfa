import type { FeatureCollection } from 'geojson'
import { useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { ActionForm, FieldSelect, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import type { Language } from '../url-state/index.ts'
import { featureBounds } from './feature-bounds.ts'
import { FEATURE_SOURCE, FeatureMap } from './FeatureMap.tsx'
import { CHANGE_COLORS, changeStyleLayers } from './layer-paint.ts'
import {
  LayerChangesSchema,
  LayerVersionListSchema,
  publishVersion,
  revisionChangesPath,
  revisionExportPath,
  type LayerUpload,
  type LayerVersion,
  type ManagedLayer,
} from './planning-api.ts'
import { UploadDropzone } from './UploadDropzone.tsx'
import { UploadReport } from './UploadReport.tsx'

/**
 * A layer's revisions: the list with what each added, removed and changed, a new version from a
 * file (matched by a key field, replacing or appending), and the "what changed" map of a revision.
 */
export function VersionsPanel({ layer, language, onPublished }: { layer: ManagedLayer; language: Language; onPublished(version: LayerVersion): void }) {
  const { t } = useTranslation()
  const [published, setPublished] = useState(0)
  const versions = useApiResource(`/api/layers/${encodeURIComponent(layer.id)}/versions`, LayerVersionListSchema, published)
  const [shown, setShown] = useState<number>()
  const date = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section className="planning-card" aria-labelledby="versions-heading">
      <h2 id="versions-heading">{t('planning.versions.heading')}</h2>
      {versions.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {versions.status === 'failed' && <LoadFailure title={versions.problem.detail ?? versions.problem.title} />}
      {versions.status === 'ready' && (
        <table className="office-table planning-versions">
          <thead>
            <tr>
              <th scope="col">{t('planning.versions.revision')}</th>
              <th scope="col">{t('planning.versions.when')}</th>
              <th scope="col">{t('planning.versions.file')}</th>
              <th scope="col">{t('planning.versions.changes')}</th>
              <th scope="col">{t('planning.versions.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions.data.map((version) => (
              <tr key={version.revision}>
                <th scope="row" data-label={t('planning.versions.revision')}>
                  <span>{version.revision}</span>
                </th>
                <td data-label={t('planning.versions.when')}>{date.format(new Date(version.created_at))}</td>
                <td data-label={t('planning.versions.file')}>
                  {version.file_name ?? '—'} <span className="field-hint">{t(`planning.versions.mode.${version.mode}`)}</span>
                </td>
                <td data-label={t('planning.versions.changes')}>{t('planning.versions.counts', { added: version.added, removed: version.removed, changed: version.changed, total: version.feature_count })}</td>
                <td data-label={t('planning.versions.actions')}>
                  <button type="button" className="link-button" aria-pressed={shown === version.revision} onClick={() => setShown(shown === version.revision ? undefined : version.revision)}>
                    {t('planning.versions.showChanges')}
                  </button>{' '}
                  <a href={revisionExportPath(layer.id, version.revision)} download>
                    GeoJSON
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown !== undefined && <ChangesView layer={layer} revision={shown} />}
      <NewVersion
        layer={layer}
        language={language}
        onPublished={(version) => {
          setPublished((n) => n + 1)
          setShown(version.revision)
          onPublished(version)
        }}
      />
    </section>
  )
}

/** The "what changed" map of a revision, with its legend. */
function ChangesView({ layer, revision }: { layer: ManagedLayer; revision: number }) {
  const { t } = useTranslation()
  const changes = useApiResource(revisionChangesPath(layer.id, revision), LayerChangesSchema)
  // The map colours by `change`, which the API puts beside the properties; it looks at the changes
  // themselves, since a removed feature may lie outside the layer's extent now.
  const data = useMemo(
    () =>
      changes.status === 'ready'
        ? ({ type: 'FeatureCollection', features: changes.data.features.map((f) => ({ ...f, properties: { ...f.properties, change: f.change } })) } as FeatureCollection)
        : undefined,
    [changes],
  )
  return (
    <div className="changes-view">
      <h3>{t('planning.versions.changesOf', { revision })}</h3>
      {changes.status === 'failed' && <LoadFailure title={changes.problem.detail ?? changes.problem.title} />}
      {changes.status === 'ready' && changes.data.features.length === 0 && <p>{t('planning.versions.noChanges')}</p>}
      <ul className="legend-categories changes-view__legend">
        {(['added', 'changed', 'removed'] as const).map((change) => (
          <li key={change}>
            <span className={`change-swatch change-swatch--${change}`} style={{ borderColor: CHANGE_COLORS[change] }} aria-hidden="true" />
            {t(`planning.versions.change.${change}`)}
          </li>
        ))}
      </ul>
      <FeatureMap cityId={layer.city} data={data} styleLayers={changeStyleLayers(FEATURE_SOURCE, layer.geometry_type)} bbox={(data && featureBounds(data)) ?? layer.bbox} label={t('planning.versions.changesOf', { revision })} />
    </div>
  )
}

/** A new version from a file: its report, then the key field and the mode, then publishing. */
function NewVersion({ layer, language, onPublished }: { layer: ManagedLayer; language: Language; onPublished(version: LayerVersion): void }) {
  const { t } = useTranslation()
  const id = useId()
  const write = useApiWrite()
  const [upload, setUpload] = useState<LayerUpload>()
  const [key, setKey] = useState('')
  const [mode, setMode] = useState<'replace' | 'append'>('replace')
  const [result, setResult] = useState<LayerVersion>()
  const submit = async () => {
    if (!upload) return
    const version = await write.run(() => publishVersion(layer.id, { upload: upload.id, mode, ...(key && { key }) }))
    if (version) {
      setResult(version)
      setUpload(undefined)
      onPublished(version)
    }
  }
  return (
    <div className="new-version">
      <h3>{t('planning.versions.new')}</h3>
      {result && (
        <p role="status" className="planning__saved">
          {t('planning.versions.published', { revision: result.revision, added: result.added, removed: result.removed, changed: result.changed })}
        </p>
      )}
      {!upload && <UploadDropzone label={t('planning.versions.choose')} onUploaded={setUpload} />}
      {upload && (
        <>
          <UploadReport upload={upload} language={language} onReread={setUpload} />
          <ActionForm write={write} submitLabel={t('planning.versions.publish')} onSubmit={() => void submit()} onCancel={() => setUpload(undefined)}>
            <FieldSelect
              label={t('planning.versions.key')}
              value={key}
              empty={t('planning.versions.noKey')}
              options={upload.fields.map((field) => ({ value: field.name, label: field.name }))}
              onChange={setKey}
              error={write.fieldError('key')}
            />
            <fieldset className="style-editor__modes">
              <legend>{t('planning.versions.modeLabel')}</legend>
              {(['replace', 'append'] as const).map((option) => (
                <label key={option} className="radio">
                  <input type="radio" name={`${id}-mode`} value={option} checked={mode === option} onChange={() => setMode(option)} />
                  {t(`planning.versions.mode.${option}`)}
                </label>
              ))}
            </fieldset>
          </ActionForm>
        </>
      )}
    </div>
  )
}
