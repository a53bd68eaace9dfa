import { Marker, type StyleSpecification } from 'maplibre-gl'
import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CityListSchema, MapStyleSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { applyLayerVisibility, installMapTestHook, useMapInstance } from '../map/index.ts'

/** How close the small map looks: a few streets around the appeal. */
const MINI_MAP_ZOOM = 16

/**
 * A small map of the city centred on the appeal, with its pin and the other appeals around it.
 * Renders nothing until the city's style has loaded.
 */
export function AppealMiniMap({ cityId, lon, lat }: { cityId: string; lon: number; lat: number }) {
  const { t } = useTranslation()
  const cities = useApiResource('/api/cities', CityListSchema)
  const city = cities.status === 'ready' ? cities.data.find((candidate) => candidate.id === cityId) : undefined
  const style = useApiResource(city?.style, MapStyleSchema)
  return (
    <div className="appeal-map" role="region" aria-label={t('appeal.map')}>
      {style.status === 'ready' && <MiniMapCanvas style={style.data} layerId={`${cityId}-appeals`} lon={lon} lat={lat} />}
    </div>
  )
}

function MiniMapCanvas({ style, layerId, lon, lat }: { style: StyleSpecification; layerId: string; lon: number; lat: number }) {
  const container = useRef<HTMLDivElement>(null)
  const instance = useMapInstance(container, style, { zoom: MINI_MAP_ZOOM, lat, lon })
  const map = instance.status === 'ready' ? instance.map : undefined
  // Tells tests (and nothing else) when the map has drawn its tiles, and what it drew.
  const [drawn, setDrawn] = useState(false)
  useEffect(() => (map ? installMapTestHook(map) : undefined), [map])
  useEffect(() => {
    if (!map) return
    applyLayerVisibility(map, new Set([layerId]))
    const pin = new Marker({ color: '#b91c1c' }).setLngLat([lon, lat]).addTo(map)
    map.once('idle', () => setDrawn(true))
    return () => {
      pin.remove()
    }
  }, [map, layerId, lon, lat])
  return <div ref={container} className="appeal-map__canvas" data-drawn={drawn} />
}
