import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionForm, useApiWrite } from '../office/shared/index.ts'
import { errorAttributes, FieldText, InputError } from '../ui/index.ts'
import { addImplementationPhoto, addProposalDocument, addProposalPhoto, type BudgetProposal } from './budget-api.ts'

/** Which file a form sends, and where. */
type FileKind = 'photo' | 'implementation-photo' | 'document'

const SEND: Record<FileKind, (p: BudgetProposal, file: File, text: string) => Promise<BudgetProposal>> = {
  photo: (p, file, caption) => addProposalPhoto(p.edition, p.id, file, caption),
  'implementation-photo': (p, file, caption) => addImplementationPhoto(p.edition, p.id, file, caption),
  document: (p, file, title) => addProposalDocument(p.edition, p.id, file, title),
}

/**
 * Adds one file to a proposal: a photo with its caption (the author's, or of the construction by
 * the commission) or a PDF with its title (the author's). The server's refusal shows next to the field.
 */
export function ProposalFileForm({ proposal, kind, onAdded }: { proposal: BudgetProposal; kind: FileKind; onAdded(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const id = useId()
  const write = useApiWrite()
  const [file, setFile] = useState<File>()
  const [text, setText] = useState('')
  // A new input after each file, so the chosen one does not linger.
  const [inputKey, setInputKey] = useState(0)
  const isPhoto = kind !== 'document'
  const field = isPhoto ? 'photo' : 'file'
  const send = async () => {
    if (!file) return write.refuse({ title: t('budgets.files.choose'), status: 422, errors: [{ field: `body.${field}`, message: t('budgets.files.choose') }] })
    const answer = await write.run(() => SEND[kind](proposal, file, text))
    if (answer) {
      setFile(undefined)
      setText('')
      setInputKey((k) => k + 1)
      onAdded(answer)
    }
  }
  const error = write.fieldError(field)
  return (
    <details className={`budget-file-form budget-file-form--${kind}`}>
      <summary>{t(`budgets.files.${kind}.summary`)}</summary>
      <ActionForm write={write} submitLabel={t(`budgets.files.${kind}.send`)} onSubmit={() => void send()}>
        <div className="field-stack">
          <label htmlFor={id}>{t(`budgets.files.${kind}.file`)}</label>
          <input key={inputKey} id={id} type="file" accept={isPhoto ? 'image/jpeg,image/png,image/webp,image/heic' : 'application/pdf'} onChange={(e) => setFile(e.currentTarget.files?.[0])} {...errorAttributes(`${id}-error`, error)} />
          <InputError id={`${id}-error`} message={error} />
        </div>
        <FieldText label={t(`budgets.files.${kind}.text`)} value={text} onChange={setText} maxLength={isPhoto ? 300 : 200} error={write.fieldError(isPhoto ? 'caption' : 'title')} />
      </ActionForm>
    </details>
  )
}
