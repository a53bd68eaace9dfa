import { z } from 'zod'
import { useTranslation } from 'react-i18next'
import { LayerDocument } from '../../api/contract/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'

const DocumentList = z.array(LayerDocument)

/**
 * The PDF documents of a selected feature and of its layer (a council decision, an explanatory
 * note, a drawing), each opening in the browser's viewer. Nothing is shown when there are none.
 */
export function FeatureDocuments({ layerId, featureId, language }: { layerId: string; featureId: string | number; language: Language }) {
  const { t } = useTranslation()
  const documents = useApiResource(`/api/layers/${encodeURIComponent(layerId)}/documents`, DocumentList)
  if (documents.status !== 'ready') return null
  // The feature's own first, then the layer's.
  const own = documents.data.filter((d) => d.feature_id !== null && String(d.feature_id) === String(featureId))
  const layers = documents.data.filter((d) => d.feature_id === null)
  if (own.length + layers.length === 0) return null
  return (
    <div className="feature-panel__documents">
      <h3>{t('planning.documents.title')}</h3>
      <ul>
        {[...own, ...layers].map((doc) => (
          <li key={doc.id} data-document-id={doc.id}>
            <a href={new URL(doc.url).pathname} type="application/pdf">
              {pickText(doc.title, language)}
            </a>{' '}
            <span className="field-hint">
              PDF · {t(`planning.documents.kind.${doc.kind}`)}
              {doc.decision_number && ` · ${t('planning.documents.decision', { number: doc.decision_number })}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  )
}
