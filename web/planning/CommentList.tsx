import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ANSWER_OUTCOMES, MAX_COMMENT_LENGTH } from '../../api/contract/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { answerComment, hideComment, type AnswerOutcome, type ConsultationComment } from './consultation-api.ts'

/** Props of {@link CommentList}. */
export interface CommentListProps {
  consultationId: number
  comments: readonly ConsultationComment[]
  language: Language
  selected: number | null
  onSelect(id: number): void
  /** Planners answer. */
  canAnswer: boolean
  /** Moderators hide. */
  canHide: boolean
  onChanged(): void
}

/**
 * The published comments, oldest first: each with its receipt number, the place and the plan's
 * revision it was made on, and the council's answer set apart from the resident's words (people
 * must be able to tell the two apart at a glance). Staff get their forms under each comment.
 */
export function CommentList({ consultationId, comments, language, selected, onSelect, canAnswer, canHide, onChanged }: CommentListProps) {
  const { t } = useTranslation()
  const date = new Intl.DateTimeFormat(LOCALE_OF[language], { dateStyle: 'medium', timeZone: 'Europe/Kyiv' })
  return (
    <ol className="comment-list">
      {comments.map((comment) => (
        <li key={comment.id} className={`comment${comment.id === selected ? ' comment--selected' : ''}`} data-receipt={comment.receipt} aria-current={comment.id === selected ? 'true' : undefined}>
          <p className="comment__head">
            <strong>{comment.receipt}</strong> · {date.format(new Date(comment.created_at))} ·{' '}
            {comment.feature_id !== null
              ? t('planning.consultation.aboutFeature', { id: comment.feature_id })
              : comment.geometry.type === 'Polygon'
                ? t('planning.consultation.atArea')
                : t('planning.consultation.atPlace')}{' '}
            ·{' '}
            {t('planning.consultation.revision', { revision: comment.layer_revision })}
          </p>
          <p className="comment__text">{comment.text}</p>
          {comment.photo && (
            <a className="comment__photo" href={new URL(comment.photo.url).pathname}>
              <img src={new URL(comment.photo.thumb).pathname + new URL(comment.photo.thumb).search} alt={t('planning.consultation.photoAlt', { receipt: comment.receipt })} loading="lazy" />
            </a>
          )}
          <button type="button" className="link-button" onClick={() => onSelect(comment.id)}>
            {t('planning.consultation.showOnMap')}
          </button>
          {comment.answer ? (
            <div className={`comment__answer comment__answer--${comment.answer.outcome}`} data-outcome={comment.answer.outcome}>
              <p className="comment__answer-head">
                <strong>{t('planning.consultation.councilAnswer')}</strong>{' '}
                <span className={`answer-outcome answer-outcome--${comment.answer.outcome}`}>{t(`planning.consultation.outcome.${comment.answer.outcome}`)}</span> ·{' '}
                {date.format(new Date(comment.answer.answered_at))}
              </p>
              {comment.answer.text && <p>{comment.answer.text}</p>}
            </div>
          ) : (
            <p className="comment__waiting">{t('planning.consultation.awaitingAnswer')}</p>
          )}
          {canAnswer && <AnswerForm consultationId={consultationId} comment={comment} onAnswered={onChanged} />}
          {canHide && <HideForm consultationId={consultationId} comment={comment} onHidden={onChanged} />}
        </li>
      ))}
    </ol>
  )
}

function AnswerForm({ consultationId, comment, onAnswered }: { consultationId: number; comment: ConsultationComment; onAnswered(): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [outcome, setOutcome] = useState<AnswerOutcome>(comment.answer?.outcome ?? 'accepted')
  const [text, setText] = useState(comment.answer?.text ?? '')
  const submit = async () => {
    if (await write.run(() => answerComment(consultationId, comment.id, { outcome, text }))) onAnswered()
  }
  return (
    <details className="comment__staff">
      <summary>{comment.answer ? t('planning.consultation.changeAnswer') : t('planning.consultation.answer')}</summary>
      <ActionForm write={write} submitLabel={t('planning.consultation.saveAnswer')} onSubmit={() => void submit()}>
        <FieldSelect
          label={t('planning.consultation.outcomeLabel')}
          value={outcome}
          options={ANSWER_OUTCOMES.map((o) => ({ value: o, label: t(`planning.consultation.outcome.${o}`) }))}
          onChange={(value) => setOutcome(value as AnswerOutcome)}
          error={write.fieldError('outcome')}
        />
        <FieldText label={t('planning.consultation.answerText')} rows={3} maxLength={MAX_COMMENT_LENGTH} value={text} onChange={setText} error={write.fieldError('text')} />
      </ActionForm>
    </details>
  )
}

function HideForm({ consultationId, comment, onHidden }: { consultationId: number; comment: ConsultationComment; onHidden(): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [reason, setReason] = useState('')
  const submit = async () => {
    // The write answers 204 and no body: `true` tells its success from a refusal's `undefined`.
    if (await write.run(() => hideComment(consultationId, comment.id, reason).then(() => true))) onHidden()
  }
  return (
    <details className="comment__staff">
      <summary>{t('planning.consultation.hide')}</summary>
      <ActionForm write={write} submitLabel={t('planning.consultation.hideConfirm')} danger onSubmit={() => void submit()}>
        <FieldText label={t('planning.consultation.hideReason')} maxLength={1000} value={reason} onChange={setReason} error={write.fieldError('reason')} />
      </ActionForm>
    </details>
  )
}
