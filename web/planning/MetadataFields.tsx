import { useTranslation } from 'react-i18next'
import { PLANNING_DOCUMENT_TYPES, THEMES, UPDATE_FREQUENCIES, type ManagedLayer } from '../../api/contract/index.ts'
import { FieldOrganisation, FieldSelect, type useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'

/** The metadata of a layer as its forms edit it: every field a string, as inputs hold them. */
export interface LayerMetadata {
  titleUk: string
  titleEn: string
  descriptionUk: string
  descriptionEn: string
  theme: ManagedLayer['theme']
  documentType: string
  decisionNumber: string
  decisionDate: string
  developer: string
  source: string
  licence: string
  attribution: string
  /** The department that owns the layer; '' for none. */
  organisation: string
  updateFrequency: ManagedLayer['update_frequency']
  /** The data passport's texts: both blank for the catalogue's default. */
  legalBasisUk: string
  legalBasisEn: string
  responsibleRoleUk: string
  responsibleRoleEn: string
}

/** Bilingual text from two inputs, or null (the default) when both are blank. */
function bilingualOrNull(uk: string, en: string): { uk: string; en: string } | null {
  return uk.trim() || en.trim() ? { uk: uk.trim(), en: en.trim() } : null
}

/** The form's values of a layer. */
export function metadataOf(layer: ManagedLayer): LayerMetadata {
  return {
    titleUk: layer.title.uk,
    titleEn: layer.title.en,
    descriptionUk: layer.description.uk,
    descriptionEn: layer.description.en,
    theme: layer.theme,
    documentType: layer.document_type ?? '',
    decisionNumber: layer.decision_number ?? '',
    decisionDate: layer.decision_date ?? '',
    developer: layer.developer ?? '',
    source: layer.source,
    licence: layer.licence,
    attribution: layer.attribution,
    organisation: layer.organisation ?? '',
    updateFrequency: layer.update_frequency,
    legalBasisUk: layer.legal_basis?.uk ?? '',
    legalBasisEn: layer.legal_basis?.en ?? '',
    responsibleRoleUk: layer.responsible_role?.uk ?? '',
    responsibleRoleEn: layer.responsible_role?.en ?? '',
  }
}

/** The body fields of a layer's metadata, blanks as nulls where the API takes them. */
export function metadataBody(m: LayerMetadata) {
  return {
    title: { uk: m.titleUk, en: m.titleEn },
    description: { uk: m.descriptionUk, en: m.descriptionEn },
    theme: m.theme,
    document_type: (m.documentType || null) as ManagedLayer['document_type'],
    decision_number: m.decisionNumber.trim() || null,
    decision_date: m.decisionDate || null,
    developer: m.developer.trim() || null,
    source: m.source,
    licence: m.licence,
    attribution: m.attribution,
    organisation: m.organisation || null,
    update_frequency: m.updateFrequency,
    legal_basis: bilingualOrNull(m.legalBasisUk, m.legalBasisEn),
    responsible_role: bilingualOrNull(m.responsibleRoleUk, m.responsibleRoleEn),
  }
}

/** The fields of a layer's metadata, with the API's errors beside them. */
export function MetadataFields({
  value,
  onChange,
  write,
  city,
  language,
}: {
  value: LayerMetadata
  onChange(value: LayerMetadata): void
  write: ReturnType<typeof useApiWrite>
  /** The layer's city, whose departments may own it. */
  city: string
  language: Language
}) {
  const { t } = useTranslation()
  const set = (patch: Partial<LayerMetadata>) => onChange({ ...value, ...patch })
  return (
    <>
      <div className="form-grid">
        <FieldText label={t('planning.meta.titleUk')} value={value.titleUk} required maxLength={200} onChange={(titleUk) => set({ titleUk })} error={write.fieldError('title.uk')} />
        <FieldText label={t('planning.meta.titleEn')} value={value.titleEn} maxLength={200} onChange={(titleEn) => set({ titleEn })} error={write.fieldError('title.en')} />
        <FieldText label={t('planning.meta.descriptionUk')} rows={3} value={value.descriptionUk} maxLength={5000} onChange={(descriptionUk) => set({ descriptionUk })} error={write.fieldError('description.uk')} />
        <FieldText label={t('planning.meta.descriptionEn')} rows={3} value={value.descriptionEn} maxLength={5000} onChange={(descriptionEn) => set({ descriptionEn })} error={write.fieldError('description.en')} />
        <FieldSelect label={t('planning.meta.theme')} value={value.theme} options={THEMES.filter((theme) => theme !== 'appeals').map((theme) => ({ value: theme, label: t(`theme.${theme}`) }))} onChange={(theme) => set({ theme: theme as LayerMetadata['theme'] })} error={write.fieldError('theme')} />
        <FieldSelect label={t('planning.meta.documentType')} value={value.documentType} empty={t('planning.meta.noDocumentType')} options={PLANNING_DOCUMENT_TYPES.map((type) => ({ value: type, label: t(`planning.documentType.${type}`) }))} onChange={(documentType) => set({ documentType })} error={write.fieldError('document_type')} />
        <FieldText label={t('planning.meta.decisionNumber')} value={value.decisionNumber} maxLength={100} onChange={(decisionNumber) => set({ decisionNumber })} error={write.fieldError('decision_number')} />
        <FieldText label={t('planning.meta.decisionDate')} type="date" value={value.decisionDate} onChange={(decisionDate) => set({ decisionDate })} error={write.fieldError('decision_date')} />
        <FieldOrganisation
          source="/api/planning/organisations"
          label={t('planning.meta.organisation')}
          city={city}
          language={language}
          value={value.organisation}
          empty={t('planning.meta.noOrganisation')}
          onChange={(organisation) => set({ organisation })}
          error={write.fieldError('organisation')}
        />
        <FieldText label={t('planning.meta.developer')} value={value.developer} maxLength={300} onChange={(developer) => set({ developer })} error={write.fieldError('developer')} />
        <FieldText label={t('planning.meta.source')} value={value.source} maxLength={500} onChange={(source) => set({ source })} error={write.fieldError('source')} />
        <FieldText label={t('planning.meta.licence')} value={value.licence} maxLength={200} onChange={(licence) => set({ licence })} error={write.fieldError('licence')} />
        <FieldText label={t('planning.meta.attribution')} value={value.attribution} maxLength={300} onChange={(attribution) => set({ attribution })} error={write.fieldError('attribution')} />
        <FieldSelect
          label={t('planning.meta.updateFrequency')}
          value={value.updateFrequency}
          options={UPDATE_FREQUENCIES.map((frequency) => ({ value: frequency, label: t(`data.frequency.${frequency}`) }))}
          onChange={(updateFrequency) => set({ updateFrequency: updateFrequency as LayerMetadata['updateFrequency'] })}
          error={write.fieldError('update_frequency')}
        />
        <FieldText label={t('planning.meta.legalBasisUk')} value={value.legalBasisUk} maxLength={500} onChange={(legalBasisUk) => set({ legalBasisUk })} error={write.fieldError('legal_basis.uk')} />
        <FieldText label={t('planning.meta.legalBasisEn')} value={value.legalBasisEn} maxLength={500} onChange={(legalBasisEn) => set({ legalBasisEn })} error={write.fieldError('legal_basis.en')} />
        <FieldText label={t('planning.meta.responsibleRoleUk')} value={value.responsibleRoleUk} maxLength={200} onChange={(responsibleRoleUk) => set({ responsibleRoleUk })} error={write.fieldError('responsible_role.uk')} />
        <FieldText label={t('planning.meta.responsibleRoleEn')} value={value.responsibleRoleEn} maxLength={200} onChange={(responsibleRoleEn) => set({ responsibleRoleEn })} error={write.fieldError('responsible_role.en')} />
      </div>
      <p className="field-hint">{t('planning.meta.passportDefault')}</p>
    </>
  )
}
