import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import { ActionForm, FieldSelect, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { attachDocument, DOCUMENT_KINDS, type DocumentInput, type DocumentKind, type LayerDocument, LayerDocumentListSchema, layerDocumentsPath, removeDocument } from './document-api.ts'

/** Props of {@link LayerDocuments}. */
export interface LayerDocumentsProps {
  layerId: string
  language: Language
  /** Planners attach and remove documents; everyone else reads them. */
  manage: boolean
  /** The heading's level: 2 in the cabinet, 2 or 3 on public pages. */
  headingLevel?: 2 | 3
}

/**
 * A layer's PDF documents (the council's decision, the explanatory note, drawings): each with
 * its kind, decision number and date, pages and size, opened in the browser's own viewer. In the
 * cabinet the planner attaches and removes them here too.
 */
export function LayerDocuments({ layerId, language, manage, headingLevel = 2 }: LayerDocumentsProps) {
  const { t } = useTranslation()
  const [reloads, setReloads] = useState(0)
  const documents = useApiResource(layerDocumentsPath(layerId), LayerDocumentListSchema, reloads)
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const list = documents.status === 'ready' ? documents.data : []
  if (!manage && documents.status === 'ready' && list.length === 0) return null
  return (
    <section className="planning-card layer-documents" aria-labelledby={`documents-${layerId}`}>
      <Heading id={`documents-${layerId}`}>{t('planning.documents.title')}</Heading>
      {documents.status === 'failed' && <LoadFailure title={documents.problem.detail ?? documents.problem.title} />}
      {documents.status === 'ready' && list.length === 0 && <p>{t('planning.documents.none')}</p>}
      <ul className="layer-documents__list">
        {list.map((doc) => (
          <DocumentItem key={doc.id} doc={doc} language={language} manage={manage} layerId={layerId} onRemoved={() => setReloads((n) => n + 1)} />
        ))}
      </ul>
      {manage && <AttachForm layerId={layerId} onAttached={() => setReloads((n) => n + 1)} />}
    </section>
  )
}

function DocumentItem({ doc, language, manage, layerId, onRemoved }: { doc: LayerDocument; language: Language; manage: boolean; layerId: string; onRemoved(): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const number = new Intl.NumberFormat(LOCALE_OF[language], { maximumFractionDigits: 1 })
  const size = doc.bytes < 1_048_576 ? t('planning.documents.sizeKb', { size: number.format(Math.max(1, Math.round(doc.bytes / 1024))) }) : t('planning.documents.size', { size: number.format(doc.bytes / 1_048_576) })
  const date = doc.decision_date ? new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(doc.decision_date)) : null
  const facts = [
    t(`planning.documents.kind.${doc.kind}`),
    doc.decision_number && t('planning.documents.decision', { number: doc.decision_number }),
    date,
    doc.pages !== null && t('planning.documents.pages', { count: doc.pages }),
    size,
    doc.feature_id !== null && t('planning.consultation.aboutFeature', { id: doc.feature_id }),
  ].filter(Boolean)
  return (
    <li data-document-id={doc.id}>
      <a href={new URL(doc.url).pathname} type="application/pdf">
        {pickText(doc.title, language)}
      </a>{' '}
      <span className="field-hint">PDF · {facts.join(' · ')}</span>
      {manage && (
        <button
          type="button"
          className="link-button layer-documents__remove"
          aria-disabled={write.pending}
          onClick={() => void write.run(() => removeDocument(layerId, doc.id).then(() => true)).then((ok) => ok && onRemoved())}
        >
          {t('planning.documents.remove', { title: pickText(doc.title, language) })}
        </button>
      )}
      {write.problem && (
        <p role="alert" className="field-error">
          {write.problem.detail ?? write.problem.title}
        </p>
      )}
    </li>
  )
}

function AttachForm({ layerId, onAttached }: { layerId: string; onAttached(): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [file, setFile] = useState<File>()
  const [input, setInput] = useState<DocumentInput>({ titleUk: '', titleEn: '', kind: 'decision', decisionNumber: '', decisionDate: '' })
  const [formKey, setFormKey] = useState(0)
  const set = (key: keyof DocumentInput) => (value: string) => setInput((i) => ({ ...i, [key]: value }))
  const submit = async () => {
    if (!file) {
      write.refuse({ type: '/problems/invalid-input', title: t('planning.documents.chooseFile'), status: 400, errors: [{ field: 'file', message: t('planning.documents.chooseFile') }] })
      return
    }
    if (await write.run(() => attachDocument(layerId, file, input))) {
      setInput({ titleUk: '', titleEn: '', kind: 'decision', decisionNumber: '', decisionDate: '' })
      setFile(undefined)
      setFormKey((k) => k + 1)
      onAttached()
    }
  }
  return (
    <details className="layer-documents__attach">
      <summary>{t('planning.documents.attach')}</summary>
      <ActionForm key={formKey} write={write} submitLabel={t('planning.documents.attachSubmit')} onSubmit={() => void submit()}>
        <div className="field-stack">
          <label htmlFor={`document-file-${layerId}`}>{t('planning.documents.file')}</label>
          <input
            id={`document-file-${layerId}`}
            type="file"
            accept="application/pdf,.pdf"
            onChange={(e) => setFile(e.currentTarget.files?.[0])}
            aria-invalid={write.fieldError('file') !== undefined}
          />
          {write.fieldError('file') && <p className="field-error">{write.fieldError('file')}</p>}
        </div>
        <FieldText label={t('planning.documents.titleUk')} value={input.titleUk} onChange={set('titleUk')} error={write.fieldError('title.uk')} />
        <FieldText label={t('planning.documents.titleEn')} value={input.titleEn} onChange={set('titleEn')} error={write.fieldError('title.en')} />
        <FieldSelect
          label={t('planning.documents.kindLabel')}
          value={input.kind}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`planning.documents.kind.${k}`) }))}
          onChange={(value) => setInput((i) => ({ ...i, kind: value as DocumentKind }))}
        />
        <FieldText label={t('planning.documents.decisionNumber')} value={input.decisionNumber} onChange={set('decisionNumber')} error={write.fieldError('decision_number')} />
        <FieldText type="date" label={t('planning.documents.decisionDate')} value={input.decisionDate} onChange={set('decisionDate')} error={write.fieldError('decision_date')} />
      </ActionForm>
    </details>
  )
}
