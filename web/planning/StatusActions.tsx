import { useRef, useState, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { PUBLIC_LAYER_STATUSES, type LayerStatus } from '../../api/contract/index.ts'
import type { SignedInUser } from '../api-client/index.ts'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { LayerReview } from './LayerReview.tsx'
import { updateLayer, type ManagedLayer } from './planning-api.ts'

/** Where a layer may go from each status: forward through the procedure, or back to a draft. */
const NEXT_STATUSES: Record<LayerStatus, readonly LayerStatus[]> = {
  draft: ['consultation', 'approved'],
  consultation: ['approved', 'draft'],
  approved: ['archived'],
  archived: ['draft'],
}

/** Whether the user's public statuses wait for a second person: a publisher's, not a planner's or an administrator's. */
export function publishesWithReview(user: Pick<SignedInUser, 'roles'>): boolean {
  return !user.roles.includes('planner') && !user.roles.includes('admin')
}

/**
 * The status buttons of a layer. Each asks for a confirmation first, saying who will see the
 * layer after it, since a status decides whether the public sees it. A publisher's public status
 * is a request that a second person decides; the request waiting is shown here, with the
 * decision for whoever may take it.
 */
export function StatusActions({ layer, user, onChanged }: { layer: ManagedLayer; user: SignedInUser; onChanged(layer: ManagedLayer): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [asked, setAsked] = useState<LayerStatus>()
  const confirmButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (asked) confirmButton.current?.focus()
  }, [asked])
  const asks = (status: LayerStatus) => publishesWithReview(user) && PUBLIC_LAYER_STATUSES.includes(status)
  const change = async (status: LayerStatus) => {
    const changed = await write.run(() => updateLayer(layer.id, { status }))
    setAsked(undefined)
    if (changed) onChanged(changed)
  }
  return (
    <section className="planning-card status-actions" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('planning.status.heading')}</h2>
      <p>{t(`planning.status.explain.${layer.status}`)}</p>
      {layer.review && <LayerReview layer={layer} user={user} onDecided={onChanged} />}
      {asked ? (
        <div className="status-actions__confirm" role="group" aria-labelledby="status-confirm-text">
          <p id="status-confirm-text">
            <strong>{t(asks(asked) ? 'planning.review.confirm' : 'planning.status.confirm', { status: t(`planning.status.${asked}`) })}</strong>{' '}
            {t(`planning.status.explain.${asked}`)} {asks(asked) && t('planning.review.explain')}
          </p>
          <div className="button-row">
            <button ref={confirmButton} type="button" className="button button--small" aria-disabled={write.pending} onClick={() => !write.pending && void change(asked)}>
              {t(asks(asked) ? 'planning.review.yes' : 'planning.status.yes', { status: t(`planning.status.${asked}`) })}
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => setAsked(undefined)}>
              {t('office.form.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {NEXT_STATUSES[layer.status]
            .filter((status) => status !== layer.review?.status)
            .map((status) => (
              <button key={status} type="button" className="button button--small button--secondary" onClick={() => setAsked(status)}>
                {asks(status) ? t('planning.review.ask', { status: t(`planning.status.${status}`) }) : t(`planning.status.to.${status}`)}
              </button>
            ))}
        </div>
      )}
      <FormProblem problem={write.problem} />
    </section>
  )
}
