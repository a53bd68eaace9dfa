import type { LayerSummary } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { LayerDetails } from './LayerDetails.tsx'
import { LegendSwatch } from './LegendSwatch.tsx'

/** A basemap entry of the catalogue: always drawn, so it has a legend but no checkbox. */
export function BasemapLayerItem({ layer, language }: { layer: LayerSummary; language: Language }) {
  return (
    <div className="field-layer field-layer--basemap">
      <p className="field-layer__label">
        <LegendSwatch style={layer.style} geometry={layer.geometry_type} />
        {pickText(layer.title, language)}
      </p>
      <LayerDetails layer={layer} language={language} />
    </div>
  )
}
