import { useTranslation } from 'react-i18next'
import type { PublicAppeal } from '../api-client/index.ts'
import { pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { AppealFact } from './AppealFact.tsx'

/**
 * The object an appeal is about, as a fact: its label with its layer's title ("Kiosk 12
 * (Temporary structures)"), or the layer and feature when it has no label. Nothing for an
 * appeal about a place only.
 */
export function AppealObjectFact({ object, language }: { object: PublicAppeal['object']; language: Language }) {
  const { t } = useTranslation()
  if (!object) return null
  const layerTitle = object.layer_title ? pickText(object.layer_title, language) : null
  const value = !object.label
    ? t('objectReport.unnamed', { layer: layerTitle ?? object.layer ?? '', id: String(object.feature_id) })
    : layerTitle ? `${object.label} (${layerTitle})` : object.label
  return <AppealFact label={t('objectReport.fact')} value={value} />
}
