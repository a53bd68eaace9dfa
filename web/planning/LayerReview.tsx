import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { SignedInUser } from '../api-client/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { ActionForm, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { reviewLayer, type ManagedLayer } from './planning-api.ts'

/**
 * A publication waiting for a second person: who asked for which status and when, and for a
 * reviewer, approve or reject with a reason. The one who asked sees only that it waits (the
 * server refuses them the decision too).
 */
export function LayerReview({ layer, user, onDecided }: { layer: ManagedLayer; user: SignedInUser; onDecided(layer: ManagedLayer): void }) {
  const { t, i18n } = useTranslation()
  const write = useApiWrite()
  const [reason, setReason] = useState('')
  const review = layer.review!
  const date = new Intl.DateTimeFormat(LOCALE_OF[(i18n.language as Language) ?? 'uk'] ?? 'uk-UA', { dateStyle: 'medium', timeStyle: 'short' })
  const mine = review.requested_by !== null && review.requested_by === user.name
  const decide = async (decision: 'approve' | 'reject') => {
    const decided = await write.run(() => reviewLayer(layer.id, { decision, reason }))
    if (decided) onDecided(decided)
  }
  return (
    <div className="layer-review" role="status" data-review-status={review.status}>
      <p>
        <strong>{t('planning.review.waiting', { status: t(`planning.status.${review.status}`) })}</strong>{' '}
        {t('planning.review.askedBy', { name: review.requested_by ?? '—', at: date.format(new Date(review.requested_at)) })}
      </p>
      {mine ? (
        <p className="field-hint">{t('planning.review.notYours')}</p>
      ) : (
        <ActionForm write={write} submitLabel={t('planning.review.approve')} onSubmit={() => void decide('approve')}>
          <FieldText label={t('planning.review.reason')} value={reason} onChange={setReason} maxLength={1000} error={write.fieldError('reason')} hint={t('planning.review.reasonHint')} />
          <button type="button" className="button button--small button--danger" aria-disabled={write.pending} onClick={() => !write.pending && void decide('reject')}>
            {t('planning.review.reject')}
          </button>
        </ActionForm>
      )}
    </div>
  )
}
