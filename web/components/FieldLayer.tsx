import type { LayerSummary } from '../api/api-schemas.ts'
import { pickText } from '../i18n/i18n.ts'
import type { Language } from '../url-state.ts'
import { LayerDetails } from './LayerDetails.tsx'
import { LegendSwatch } from './LegendSwatch.tsx'

/** Props of {@link FieldLayer}. */
export interface FieldLayerProps {
  layer: LayerSummary
  language: Language
  visible: boolean
  onVisibleChange(layerId: string, visible: boolean): void
}

/** A catalogue entry with a checkbox that shows or hides the layer on the map. */
export function FieldLayer({ layer, language, visible, onVisibleChange }: FieldLayerProps) {
  const inputId = `layer-toggle-${layer.id}`
  return (
    <div className="field-layer">
      <input
        id={inputId}
        type="checkbox"
        data-layer-id={layer.id}
        checked={visible}
        onChange={(event) => onVisibleChange(layer.id, event.currentTarget.checked)}
      />
      <label htmlFor={inputId} className="field-layer__label">
        <LegendSwatch style={layer.style} geometry={layer.geometry_type} />
        {pickText(layer.title, language)}
      </label>
      <LayerDetails layer={layer} language={language} />
    </div>
  )
}
