import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import { addMilestone, IMPLEMENTATION_STATUSES, reviewProposal, updateImplementation, type BudgetProposal, type ImplementationStatus } from './budget-api.ts'

/** Whole hryvnias or a whole percentage typed in a field; NaN for text that is not one (the server names the field). */
const wholeNumber = (text: string) => (/^\s*\d[\d\s]*$/.test(text) ? Number(text.replace(/\s/g, '')) : Number.NaN)

/** The reviewers' form: feasible or not, the reason, and an adjusted cost with its note. */
export function ReviewForm({ proposal, onSaved }: { proposal: BudgetProposal; onSaved(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [feasible, setFeasible] = useState(proposal.review?.feasible ?? true)
  const [reason, setReason] = useState(proposal.review?.reason ?? '')
  const [cost, setCost] = useState('')
  const [costNote, setCostNote] = useState('')
  const [saved, setSaved] = useState(false)
  const save = async () => {
    setSaved(false)
    const body = { feasible, reason, cost_note: costNote, ...(cost.trim() ? { cost: wholeNumber(cost) } : {}) }
    const answer = await write.run(() => reviewProposal(proposal.edition, proposal.id, body))
    if (answer) {
      setSaved(true)
      onSaved(answer)
    }
  }
  return (
    <section aria-labelledby="review-form-heading" className="planning-card budget-review-form">
      <h2 id="review-form-heading">{t('budgets.reviewForm.heading')}</h2>
      <ActionForm write={write} submitLabel={t('budgets.reviewForm.save')} onSubmit={() => void save()}>
        <fieldset className="budget-choices">
          <legend>{t('budgets.reviewForm.decision')}</legend>
          <label>
            <input type="radio" name="feasible" checked={feasible} onChange={() => setFeasible(true)} /> {t('budgets.reviewForm.feasible')}
          </label>
          <label>
            <input type="radio" name="feasible" checked={!feasible} onChange={() => setFeasible(false)} /> {t('budgets.reviewForm.notFeasible')}
          </label>
        </fieldset>
        <FieldText label={t('budgets.reviewForm.reason')} rows={3} value={reason} onChange={setReason} error={write.fieldError('reason')} />
        <FieldText label={t('budgets.reviewForm.cost')} inputMode="numeric" value={cost} onChange={setCost} error={write.fieldError('cost')} />
        <FieldText label={t('budgets.reviewForm.costNote')} value={costNote} onChange={setCostNote} error={write.fieldError('cost_note')} />
      </ActionForm>
      <p role="status">{saved ? t('budgets.reviewForm.saved') : ''}</p>
    </section>
  )
}

/** The staff's update of a winner's construction: status, progress, money spent, the Prozorro tender and a note. */
export function ImplementationForm({ proposal, onSaved }: { proposal: BudgetProposal; onSaved(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const impl = proposal.implementation
  const write = useApiWrite()
  const [status, setStatus] = useState<ImplementationStatus>(impl?.status ?? 'planned')
  const [progress, setProgress] = useState(String(impl?.progress ?? 0))
  const [spent, setSpent] = useState(String(impl?.spent ?? 0))
  const [prozorro, setProzorro] = useState(impl?.prozorro_id ?? '')
  const [note, setNote] = useState(impl?.note ?? '')
  const [saved, setSaved] = useState(false)
  const save = async () => {
    setSaved(false)
    const body = { status, progress: wholeNumber(progress), spent: wholeNumber(spent), prozorro_id: prozorro.trim() || null, note }
    const answer = await write.run(() => updateImplementation(proposal.edition, proposal.id, body))
    if (answer) {
      setSaved(true)
      onSaved(answer)
    }
  }
  return (
    <section aria-labelledby="impl-form-heading" className="planning-card budget-impl-form">
      <h2 id="impl-form-heading">{t('budgets.implForm.heading')}</h2>
      <ActionForm write={write} submitLabel={t('budgets.implForm.save')} onSubmit={() => void save()}>
        <FieldSelect label={t('budgets.implForm.status')} value={status} options={IMPLEMENTATION_STATUSES.map((s) => ({ value: s, label: t(`budgets.impl.${s}`) }))} onChange={(v) => setStatus(v as ImplementationStatus)} error={write.fieldError('status')} />
        <FieldText label={t('budgets.implForm.progress')} inputMode="numeric" value={progress} onChange={setProgress} error={write.fieldError('progress')} />
        <FieldText label={t('budgets.implForm.spent')} inputMode="numeric" value={spent} onChange={setSpent} error={write.fieldError('spent')} />
        <FieldText label={t('budgets.implForm.prozorro')} hint={t('budgets.implForm.prozorroHint')} value={prozorro} onChange={setProzorro} error={write.fieldError('prozorro_id')} />
        <FieldText label={t('budgets.implForm.note')} rows={3} value={note} onChange={setNote} error={write.fieldError('note')} />
      </ActionForm>
      <p role="status">{saved ? t('budgets.implForm.saved') : ''}</p>
      <MilestoneForm proposal={proposal} onSaved={onSaved} />
    </section>
  )
}

/** Adds a milestone to a winner's construction. */
function MilestoneForm({ proposal, onSaved }: { proposal: BudgetProposal; onSaved(p: BudgetProposal): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [title, setTitle] = useState('')
  const [note, setNote] = useState('')
  const [dueOn, setDueOn] = useState('')
  const [doneOn, setDoneOn] = useState('')
  const [saved, setSaved] = useState(false)
  const save = async () => {
    setSaved(false)
    const answer = await write.run(() => addMilestone(proposal.edition, proposal.id, { title, note, due_on: dueOn || null, done_on: doneOn || null }))
    if (answer) {
      setTitle('')
      setNote('')
      setDueOn('')
      setDoneOn('')
      setSaved(true)
      onSaved(answer)
    }
  }
  return (
    <details className="budget-milestone-form">
      <summary>{t('budgets.implForm.milestone')}</summary>
      <ActionForm write={write} submitLabel={t('budgets.implForm.addMilestone')} onSubmit={() => void save()}>
        <FieldText label={t('budgets.implForm.milestoneTitle')} value={title} onChange={setTitle} error={write.fieldError('title')} />
        <FieldText label={t('budgets.implForm.milestoneNote')} rows={2} value={note} onChange={setNote} error={write.fieldError('note')} />
        <FieldText label={t('budgets.implForm.dueOn')} type="date" value={dueOn} onChange={setDueOn} error={write.fieldError('due_on')} />
        <FieldText label={t('budgets.implForm.doneOn')} type="date" value={doneOn} onChange={setDoneOn} error={write.fieldError('done_on')} />
      </ActionForm>
      <p role="status">{saved ? t('budgets.implForm.milestoneAdded') : ''}</p>
    </details>
  )
}
