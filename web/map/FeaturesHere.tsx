import type { Map as MapLibreMap } from 'maplibre-gl'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { featuresAtCentre, type SelectedFeature } from './feature-picking.ts'

/** Props of {@link FeaturesHere}. */
export interface FeaturesHereProps {
  map: MapLibreMap
  /** What to call a feature in the list: its name and its layer's title. */
  describe(feature: SelectedFeature): { name: string; layer: string }
  /** A feature chosen from the list, as a click on it would choose it. */
  onChoose(feature: SelectedFeature): void
}

/**
 * The map's features as a list, for the keyboard and for screen readers: a button opens the
 * features drawn around the map's centre (where the search or the arrow keys brought it), each a
 * button that selects it as a click would. The list follows the map while it is open.
 */
export function FeaturesHere({ map, describe, onChoose }: FeaturesHereProps) {
  const { t } = useTranslation()
  const id = useId()
  const [open, setOpen] = useState(false)
  const [features, setFeatures] = useState<SelectedFeature[]>([])

  useEffect(() => {
    if (!open) return
    const read = () => setFeatures(featuresAtCentre(map))
    read()
    map.on('idle', read)
    return () => {
      map.off('idle', read)
    }
  }, [map, open])

  return (
    <div className="features-here" data-open={open}>
      <button type="button" className="button button--secondary features-here__toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {t('map.here.toggle')}
      </button>
      {open && (
        <section id={id} className="features-here__panel" aria-labelledby={`${id}-heading`}>
          <h2 id={`${id}-heading`} className="features-here__heading">
            {t('map.here.heading')}
          </h2>
          <p className="features-here__hint" role="status">
            {features.length === 0 ? t('map.here.none') : t('map.here.count', { count: features.length })}
          </p>
          <ul className="features-here__list">
            {features.map((feature) => {
              const { name, layer } = describe(feature)
              return (
                <li key={`${feature.layerId}/${feature.featureId}`}>
                  <button type="button" className="features-here__item" data-layer={feature.layerId} data-feature={feature.featureId} onClick={() => onChoose(feature)}>
                    <span className="features-here__name">{name}</span> <span className="features-here__layer">{layer}</span>
                  </button>
                </li>
              )
            })}
          </ul>
        </section>
      )}
    </div>
  )
}
