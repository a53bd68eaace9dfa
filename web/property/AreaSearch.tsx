import type { Polygon } from 'geojson'
import { useTranslation } from 'react-i18next'
import { areaPolygon, type LonLat } from './drawn-area.ts'
import type { Box } from './object-geometry.ts'

/** Props of {@link AreaSearch}. */
export interface AreaSearchProps {
  /** The area in force (the `within` filter). */
  area: Polygon | undefined
  /** The corners tapped so far while drawing; undefined when not drawing. */
  corners: LonLat[] | undefined
  /** The map's view now: what "search this view" takes. */
  view: Box | undefined
  onCornersChange(corners: LonLat[] | undefined): void
  onAreaChange(area: Polygon | undefined): void
}

/**
 * The drawn search area: tap its corners on the map and finish it, or, without a pointer, take
 * the map's current view as the area; and remove it. Says how many corners are tapped.
 */
export function AreaSearch({ area, corners, view, onCornersChange, onAreaChange }: AreaSearchProps) {
  const { t } = useTranslation()
  const finish = () => {
    const polygon = corners && areaPolygon(corners)
    if (!polygon) return
    onCornersChange(undefined)
    onAreaChange(polygon)
  }
  const takeView = () => {
    if (!view) return
    const [w, s, e, n] = view
    onAreaChange(areaPolygon([[w, s], [e, s], [e, n], [w, n]]))
  }
  return (
    <fieldset className="property-filter property-area" data-filter="within" data-area={area ? 'set' : corners ? `drawing:${corners.length}` : 'none'}>
      <legend>{t('property.area.legend')}</legend>
      <p className="field-hint" aria-live="polite">
        {corners ? t('property.area.drawing', { count: corners.length }) : area ? t('property.area.set') : t('property.area.none')}
      </p>
      <div className="button-row">
        {corners ? (
          <>
            <button type="button" className="button button--small" disabled={corners.length < 3} onClick={finish}>
              {t('property.area.finish')}
            </button>
            <button type="button" className="button button--small button--secondary" disabled={corners.length === 0} onClick={() => onCornersChange(corners.slice(0, -1))}>
              {t('property.area.undo')}
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => onCornersChange(undefined)}>
              {t('property.area.cancel')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--small button--secondary" onClick={() => onCornersChange([])}>
              {t('property.area.draw')}
            </button>
            <button type="button" className="button button--small button--secondary" disabled={!view} onClick={takeView}>
              {t('property.area.view')}
            </button>
            {area && (
              <button type="button" className="button button--small button--secondary" onClick={() => onAreaChange(undefined)}>
                {t('property.area.remove')}
              </button>
            )}
          </>
        )}
      </div>
    </fieldset>
  )
}
