import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { LEGAL_TERM_DAYS } from '../../../api/contract/index.ts'
import { type AdminCategory, CategoryQuestionSchema } from '../../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../shared/index.ts'
import { FieldText } from '../../ui/index.ts'
import { saveAdminRecord } from './admin-api.ts'
import type { AdminFormProps } from './admin-form-props.ts'

const QuestionsSchema = z.array(CategoryQuestionSchema)

/** The questions typed as JSON, or the reason they are not a valid list of questions. */
function parseQuestions(text: string): { ok: true; questions: unknown[] } | { ok: false; message: string } {
  let json: unknown
  try {
    json = JSON.parse(text === '' ? '[]' : text)
  } catch (error) {
    return { ok: false, message: String(error instanceof Error ? error.message : error) }
  }
  const parsed = QuestionsSchema.safeParse(json)
  return parsed.success ? { ok: true, questions: parsed.data } : { ok: false, message: z.prettifyError(parsed.error) }
}

/**
 * Creates or edits a category: group, names, the legal term (15 or 30 days), the radius within
 * which a new appeal may be a duplicate, who answers for it, its extra questions (JSON, checked
 * here before sending), the order and whether residents can pick it.
 */
export function CategoryForm({ record, done, cancel }: AdminFormProps<AdminCategory>) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [id, setId] = useState(record?.id ?? '')
  const [group, setGroup] = useState(record?.group ?? '')
  const [nameUk, setNameUk] = useState(record?.name.uk ?? '')
  const [nameEn, setNameEn] = useState(record?.name.en ?? '')
  const [term, setTerm] = useState(String(record?.term_days ?? 15))
  const [radius, setRadius] = useState(String(record?.duplicate_radius_m ?? 50))
  const [responsibility, setResponsibility] = useState(record?.responsibility ?? '')
  const [questions, setQuestions] = useState(JSON.stringify(record?.questions ?? [], null, 2))
  const [sort, setSort] = useState(String(record?.sort ?? 0))
  const [active, setActive] = useState(record?.active ?? true)
  const save = async () => {
    const parsed = parseQuestions(questions)
    if (!parsed.ok) {
      write.refuse({ title: t('office.admin.field.questionsInvalid'), errors: [{ field: 'questions', message: parsed.message }] })
      return
    }
    const fields = {
      group,
      name: { uk: nameUk, en: nameEn },
      term_days: Number(term),
      duplicate_radius_m: Number(radius),
      responsibility,
      questions: parsed.questions,
      sort: Number(sort),
      active,
    }
    const saved = await write.run(async () => {
      await (record ? saveAdminRecord(`/api/admin/categories/${record.id}`, 'PATCH', fields) : saveAdminRecord('/api/admin/categories', 'POST', { id, ...fields }))
      return true
    })
    if (saved) done(t('office.admin.saved', { name: nameUk || id }))
  }
  return (
    <ActionForm write={write} submitLabel={t('office.admin.save')} onSubmit={() => void save()} onCancel={cancel}>
      {!record && <FieldText label={t('office.admin.field.id')} hint={t('office.admin.field.slugHint')} value={id} onChange={setId} required error={write.fieldError('id')} />}
      <FieldText label={t('office.admin.field.group')} value={group} onChange={setGroup} required error={write.fieldError('group')} />
      <FieldText label={t('office.admin.field.nameUk')} value={nameUk} onChange={setNameUk} required error={write.fieldError('name.uk')} />
      <FieldText label={t('office.admin.field.nameEn')} value={nameEn} onChange={setNameEn} required error={write.fieldError('name.en')} />
      <FieldSelect label={t('office.admin.field.term')} value={term} options={LEGAL_TERM_DAYS.map((days) => ({ value: String(days), label: t('office.admin.field.days', { count: days }) }))} onChange={setTerm} error={write.fieldError('term_days')} />
      <FieldText type="number" label={t('office.admin.field.radius')} value={radius} onChange={setRadius} min={10} max={2000} step={1} required error={write.fieldError('duplicate_radius_m')} />
      <FieldText label={t('office.admin.field.responsibility')} hint={t('office.admin.field.responsibilityHint')} value={responsibility} onChange={setResponsibility} required error={write.fieldError('responsibility')} />
      <FieldText label={t('office.admin.field.questions')} hint={t('office.admin.field.questionsHint')} value={questions} onChange={setQuestions} rows={8} error={write.fieldError('questions')} />
      <FieldText type="number" label={t('office.admin.field.sort')} value={sort} onChange={setSort} step={1} error={write.fieldError('sort')} />
      <label className="choice">
        <input type="checkbox" checked={active} onChange={(event) => setActive(event.target.checked)} />
        {t('office.admin.field.active')}
      </label>
    </ActionForm>
  )
}
