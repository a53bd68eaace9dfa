import type { StyleSpecification } from 'maplibre-gl'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { MapStyleSchema, type City } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { applyLayerVisibility, useAppealDensity, useAppealPoints, useMapInstance } from '../map/index.ts'

/** Props of {@link DashboardHexMap}. */
export interface DashboardHexMapProps {
  city: City
  /** The window of the figures, `YYYY-MM-DD`; the points are the appeals filed in it. */
  from: string
  to: string
}

/**
 * The city's public appeals of the window as deck.gl hexagon bins over the offline basemap.
 * deck.gl loads only once this map asks for it (see `use-appeal-density.ts`). Renders an empty
 * frame until the city's style has loaded.
 */
export function DashboardHexMap({ city, from, to }: DashboardHexMapProps) {
  const { t } = useTranslation()
  const style = useApiResource(city.style, MapStyleSchema)
  return (
    <section className="stats-chart stats-chart--wide" aria-labelledby="dashboard-map-title">
      <h2 id="dashboard-map-title">{t('dashboard.map.title')}</h2>
      <p className="field-hint">{t('dashboard.map.hint')}</p>
      <div className="dashboard-map" role="region" aria-label={t('dashboard.map.label')}>
        {style.status === 'ready' && <HexMapCanvas key={city.id} city={city} style={style.data} from={from} to={to} />}
      </div>
    </section>
  )
}

function HexMapCanvas({ city, style, from, to }: DashboardHexMapProps & { style: StyleSpecification }) {
  const container = useRef<HTMLDivElement>(null)
  const instance = useMapInstance(container, style, { zoom: city.zoom, lon: city.center[0], lat: city.center[1] })
  const map = instance.status === 'ready' ? instance.map : undefined
  const points = useAppealPoints(city.id, { from, to }, true)
  useAppealDensity(map, 'hexagons', points)
  useEffect(() => {
    // Only the basemap under the hexagons: the data layers would hide them.
    if (map) applyLayerVisibility(map, new Set())
  }, [map])
  return <div ref={container} className="dashboard-map__canvas" />
}
