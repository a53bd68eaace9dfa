import { useState, type KeyboardEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'
import { groupCatalogue } from '../catalogue/index.ts'
import type { Language } from '../url-state/index.ts'
import { BasemapLayerItem } from './BasemapLayerItem.tsx'
import { FieldLayer } from './FieldLayer.tsx'

/** Props of {@link CataloguePanel}. */
export interface CataloguePanelProps {
  layers: readonly LayerSummary[]
  visibleLayerIds: readonly string[]
  language: Language
  /** The map's zoom now; undefined before the map has one. */
  zoom: number | undefined
  onVisibleChange(layerId: string, visible: boolean): void
  /** Extra controls for a layer (the appeals filters), shown under it while it is visible. */
  layerControls?(layer: LayerSummary): ReactNode
}

/**
 * The layer catalogue: toggleable layers grouped by theme, then the always-on basemap layers. On a
 * desktop it is a side panel; on a phone a bottom sheet that opens from its title bar and closes
 * with Escape.
 */
export function CataloguePanel({ layers, visibleLayerIds, language, zoom, onVisibleChange, layerControls }: CataloguePanelProps) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const { basemap, themes } = groupCatalogue(layers)
  const visible = new Set(visibleLayerIds)

  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault()
      setOpen(false)
    }
  }

  return (
    <aside className="catalogue" data-open={open} aria-labelledby="catalogue-heading" onKeyDown={closeOnEscape}>
      <div className="catalogue__bar">
        <h2 id="catalogue-heading" className="catalogue__heading">
          {t('catalogue.heading')}
        </h2>
        <button
          type="button"
          className="catalogue__toggle"
          aria-expanded={open}
          aria-controls="catalogue-body"
          onClick={() => setOpen(!open)}
        >
          {open ? t('catalogue.hide') : t('catalogue.show')}
        </button>
      </div>
      <div id="catalogue-body" className="catalogue__body">
        {themes.map(({ theme, layers: themeLayers }) => (
          <fieldset key={theme} className="catalogue__theme">
            <legend>{t(`theme.${theme}`)}</legend>
            {themeLayers.map((layer) => (
              <FieldLayer
                key={layer.id}
                layer={layer}
                language={language}
                visible={visible.has(layer.id)}
                zoom={zoom}
                onVisibleChange={onVisibleChange}
              >
                {layerControls?.(layer)}
              </FieldLayer>
            ))}
          </fieldset>
        ))}
        {basemap.length > 0 && (
          <section className="catalogue__theme" aria-labelledby="catalogue-basemap">
            <h3 id="catalogue-basemap" className="catalogue__basemap-heading">
              {t('catalogue.basemap')}
            </h3>
            <p className="catalogue__note">{t('catalogue.basemapNote')}</p>
            {basemap.map((layer) => (
              <BasemapLayerItem key={layer.id} layer={layer} language={language} />
            ))}
          </section>
        )}
      </div>
    </aside>
  )
}
