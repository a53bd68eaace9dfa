import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema, type City } from '../api-client/index.ts'
import { useApiResource, useMapUrlState } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { FieldCity } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { cabinetHref, layerEditorHref } from './cabinet-links.ts'
import { ManagedLayerListSchema, type LayerUpload } from './planning-api.ts'
import { PlanningShell } from './PlanningShell.tsx'
import { LayerStatusBadge } from './LayerStatusBadge.tsx'
import { UploadDropzone } from './UploadDropzone.tsx'
import { UploadFlow } from './UploadFlow.tsx'

/** `/planning/cabinet`: the planner's layers of a city, in every status, and a new upload. */
export function PlanningCabinetPage() {
  return <PlanningShell>{(_, language) => <CabinetHome language={language} />}</PlanningShell>
}

function CabinetHome({ language }: { language: Language }) {
  const { t } = useTranslation()
  const { state, push } = useMapUrlState()
  const cities = useApiResource('/api/cities', CityListSchema)
  const cityList: readonly City[] = cities.status === 'ready' ? cities.data : []
  const city = cityList.find((c) => c.id === state.city) ?? cityList[0]
  const [upload, setUpload] = useState<LayerUpload>()

  return (
    <>
      <h1>{t('planning.cabinet.title')}</h1>
      <p className="planning__links">
        <a href={cabinetHref('/planning', language, city?.id)}>{t('planning.cabinet.publicSection')}</a>
      </p>
      <FieldCity cities={cityList} cityId={city?.id} language={language} onChange={(cityId) => push({ city: cityId })} />

      <section className="planning-card" aria-labelledby="upload-heading">
        <h2 id="upload-heading">{t('planning.upload.heading')}</h2>
        <UploadDropzone onUploaded={setUpload} />
      </section>
      {upload && city && (
        <UploadFlow
          key={upload.id}
          upload={upload}
          cities={cityList}
          cityId={city.id}
          language={language}
          onCreated={(layer) => window.location.assign(layerEditorHref(layer.id, language, layer.city))}
        />
      )}

      {city && <LayerList cityId={city.id} language={language} />}
    </>
  )
}

/** The city's layers, drafts included, newest change first. */
function LayerList({ cityId, language }: { cityId: string; language: Language }) {
  const { t } = useTranslation()
  const layers = useApiResource(`/api/planning/layers?city=${encodeURIComponent(cityId)}`, ManagedLayerListSchema)
  const number = new Intl.NumberFormat(LOCALE_OF[language])
  const date = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeStyle: 'short' })
  return (
    <section className="planning-card" aria-labelledby="layers-heading">
      <h2 id="layers-heading">{t('planning.cabinet.layers')}</h2>
      {layers.status === 'loading' && <p role="status">{t('app.loading')}</p>}
      {layers.status === 'failed' && <LoadFailure title={layers.problem.detail ?? layers.problem.title} />}
      {layers.status === 'ready' && layers.data.length === 0 && <p>{t('planning.cabinet.noLayers')}</p>}
      {layers.status === 'ready' && layers.data.length > 0 && (
        <table className="office-table planning-layers">
          <thead>
            <tr>
              <th scope="col">{t('planning.cabinet.layer')}</th>
              <th scope="col">{t('planning.cabinet.status')}</th>
              <th scope="col">{t('planning.cabinet.features')}</th>
              <th scope="col">{t('planning.cabinet.revision')}</th>
              <th scope="col">{t('planning.cabinet.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {layers.data.map((layer) => (
              <tr key={layer.id}>
                <th scope="row" data-label={t('planning.cabinet.layer')}>
                  <a href={layerEditorHref(layer.id, language, cityId)}>{pickText(layer.title, language)}</a>
                  <span className="field-hint"> {layer.id}</span>
                </th>
                <td data-label={t('planning.cabinet.status')}>
                  <LayerStatusBadge status={layer.status} />
                  {layer.review && <span className="field-hint"> {t('planning.review.waiting', { status: t(`planning.status.${layer.review.status}`) })}</span>}
                </td>
                <td data-label={t('planning.cabinet.features')}>{number.format(layer.feature_count)}</td>
                <td data-label={t('planning.cabinet.revision')}>{layer.revision}</td>
                <td data-label={t('planning.cabinet.updated')}>{date.format(new Date(layer.updated_at))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
