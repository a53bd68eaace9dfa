import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { actOnAppeal, type OfficeAppeal } from '../../api-client/index.ts'
import { formatMoment } from '../../appeals/index.ts'
import type { Language } from '../../url-state/index.ts'
import { ActionForm, useApiWrite } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'
import type { AppealUpdated } from './actions/index.ts'

/** The internal notes of an appeal (staff only, never public), and a form to add one when allowed. */
export function AppealNotes({ appeal, language, onUpdated }: { appeal: OfficeAppeal; language: Language; onUpdated: AppealUpdated }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [body, setBody] = useState('')
  const add = async () => {
    const next = await write.run(() => actOnAppeal(appeal.number, 'notes', { body }))
    if (!next) return
    setBody('')
    onUpdated(next, t('office.done.notes'))
  }
  return (
    <section className="appeal-section" aria-labelledby="appeal-notes-heading">
      <h2 id="appeal-notes-heading">{t('office.notes.heading')}</h2>
      <p className="field-hint">{t('office.notes.hint')}</p>
      {appeal.notes.length === 0 ? (
        <p>{t('office.notes.empty')}</p>
      ) : (
        <ol className="office-notes">
          {appeal.notes.map((note) => (
            <li key={note.id}>
              <p className="office-notes__head">
                <strong>{note.author?.name ?? t('office.audit.system')}</strong> <time dateTime={note.at}>{formatMoment(note.at, language)}</time>
              </p>
              <p className="office-notes__body">{note.body}</p>
            </li>
          ))}
        </ol>
      )}
      {appeal.allowed_actions.includes('notes') && (
        <ActionForm write={write} submitLabel={t('office.notes.add')} onSubmit={() => void add()}>
          <FieldText label={t('office.notes.body')} value={body} onChange={setBody} rows={3} required error={write.fieldError('body')} maxLength={4000} />
        </ActionForm>
      )}
    </section>
  )
}
