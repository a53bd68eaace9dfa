import type { TFunction } from 'i18next'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerSummary } from '../api-client/index.ts'
import { formatAttributeValue, objectLabel } from '../feature/index.ts'
import { useAppealValueLabels } from './appeal-value-labels.ts'
import { categoryLabel } from './category-label.ts'
import { FeatureDocuments } from './FeatureDocuments.tsx'
import { ObjectAppeals } from './ObjectAppeals.tsx'
import { useEscapeKey } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import type { SelectedFeature } from '../map/index.ts'
import type { FeatureRef, Language } from '../url-state/index.ts'

/** Props of {@link FeaturePanel}. */
export interface FeaturePanelProps {
  selection: FeatureRef
  /** The selection's attributes; undefined while the map is still looking for the feature. */
  feature: SelectedFeature | undefined
  /** The selection's layer; undefined until the catalogue has loaded. */
  layer: LayerSummary | undefined
  language: Language
  onClose(): void
  /** Starts a report about this feature; offered when its layer takes appeals about its objects. */
  onReport?(name: string): void
}

/**
 * The selected feature's public attributes under their human labels, with the layer's title.
 * Takes the focus when a new feature is selected; Escape or the close button closes it. A
 * feature of a layer that takes appeals offers to report a problem with it, and lists the open
 * appeals about it.
 */
export function FeaturePanel({ selection, feature, layer, language, onClose, onReport }: FeaturePanelProps) {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  useEscapeKey(onClose)
  useEffect(() => heading.current?.focus(), [selection.layerId, selection.featureId])

  const locale = LOCALE_OF[language]
  const words = { yes: t('feature.yes'), no: t('feature.no'), empty: t('feature.empty') }
  const name = layer && feature ? featureName(layer, feature) : undefined
  const appealLabel = useAppealValueLabels(layer, language)

  return (
    <section className="feature-panel" aria-labelledby="feature-panel-heading">
      <div className="feature-panel__bar">
        <div>
          <p className="feature-panel__layer">{layer ? pickText(layer.title, language) : selection.layerId}</p>
          <h2 id="feature-panel-heading" ref={heading} tabIndex={-1} className="feature-panel__heading">
            {name ?? t('feature.heading')}
          </h2>
        </div>
        <button type="button" className="feature-panel__close" onClick={onClose} aria-label={t('feature.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {layer?.theme === 'appeals' && typeof feature?.properties.number === 'string' && (
        <p className="feature-panel__link">
          <a href={`/appeals/${encodeURIComponent(feature.properties.number)}`}>{t('feature.openAppeal', { number: feature.properties.number })}</a>
        </p>
      )}
      {layer?.accepts_appeals && feature && onReport && (
        <p className="feature-panel__link">
          <button type="button" className="button button--primary feature-panel__report" onClick={() => onReport(objectName(layer, feature, language, t))}>
            {t('objectReport.button')}
          </button>
        </p>
      )}
      {!feature || !layer ? (
        <p className="feature-panel__status">{t('feature.loading')}</p>
      ) : layer.attributes.length === 0 ? (
        <p className="feature-panel__status">{t('feature.noAttributes')}</p>
      ) : (
        <dl className="feature-panel__attributes">
          {layer.attributes.map((attribute) => (
            <div key={attribute.name} className="feature-panel__attribute">
              <dt>{pickText(attribute.label, language)}</dt>
              <dd>
                {appealLabel(attribute.name, feature.properties[attribute.name]) ??
                  categoryLabel(layer.style, attribute.name, feature.properties[attribute.name], language) ??
                  formatAttributeValue(feature.properties[attribute.name], attribute.type, locale, words)}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {layer?.accepts_appeals && <ObjectAppeals layerId={layer.id} featureId={selection.featureId} language={language} />}
      {layer && layer.theme !== 'appeals' && <FeatureDocuments layerId={layer.id} featureId={selection.featureId} language={language} />}
    </section>
  )
}

/**
 * What a report about a feature calls it: the label the appeal will carry ("Кіоск № 3"), else
 * the panel's heading, else its layer and id ("Kiosks, feature 17").
 */
export function objectName(layer: LayerSummary, feature: SelectedFeature, language: Language, t: TFunction): string {
  return objectLabel(feature.properties, layer.style.label) ?? featureName(layer, feature) ?? t('objectReport.unnamed', { layer: pickText(layer.title, language), id: String(feature.featureId) })
}

/**
 * What to call a feature: the attribute its layer labels it with on the map, or else its first
 * non-empty text attribute (a parcel's cadastral number); undefined when it has neither.
 */
function featureName(layer: LayerSummary, feature: SelectedFeature): string | undefined {
  const candidates = [layer.style.label, ...layer.attributes.filter((a) => a.type === 'string').map((a) => a.name)]
  for (const name of candidates) {
    const value = name === undefined ? undefined : feature.properties[name]
    if (typeof value === 'string' && value !== '') return value
    if (typeof value === 'number') return String(value)
  }
  return undefined
}
