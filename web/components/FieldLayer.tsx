import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { LayerDetails } from './LayerDetails.tsx'
import { LegendSwatch } from './LegendSwatch.tsx'

/** Props of {@link FieldLayer}. */
export interface FieldLayerProps {
  layer: LayerSummary
  language: Language
  visible: boolean
  /** The map's zoom now, to say when the layer is switched on but not drawn at this zoom. */
  zoom: number | undefined
  onVisibleChange(layerId: string, visible: boolean): void
  /** Controls of this layer's own (the appeals filters), shown while it is visible. */
  children?: ReactNode
}

/** A catalogue entry with a checkbox that shows or hides the layer on the map. */
export function FieldLayer({ layer, language, visible, zoom, onVisibleChange, children }: FieldLayerProps) {
  const { t } = useTranslation()
  const inputId = `layer-toggle-${layer.id}`
  const hintId = `${inputId}-hint`
  // Only the lower bound: beyond its maxzoom MapLibre keeps drawing the layer from overzoomed tiles.
  const outOfZoom = visible && zoom !== undefined && zoom < layer.minzoom
  return (
    <div className="field-layer">
      <input
        id={inputId}
        type="checkbox"
        data-layer-id={layer.id}
        checked={visible}
        aria-describedby={outOfZoom ? hintId : undefined}
        onChange={(event) => onVisibleChange(layer.id, event.currentTarget.checked)}
      />
      <label htmlFor={inputId} className="field-layer__label">
        <LegendSwatch style={layer.style} geometry={layer.geometry_type} />
        {pickText(layer.title, language)}
      </label>
      {outOfZoom && (
        <p id={hintId} className="field-layer__hint">
          {t('catalogue.zoomIn')}
        </p>
      )}
      <LayerDetails layer={layer} language={language} />
      {visible && children && <div className="field-layer__extra">{children}</div>}
    </div>
  )
}
