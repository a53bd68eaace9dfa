import { useRef, useState, useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import type { LayerStatus } from '../../api/contract/index.ts'
import { FormProblem, useApiWrite } from '../office/shared/index.ts'
import { updateLayer, type ManagedLayer } from './planning-api.ts'

/** Where a layer may go from each status: forward through the procedure, or back to a draft. */
const NEXT_STATUSES: Record<LayerStatus, readonly LayerStatus[]> = {
  draft: ['consultation', 'approved'],
  consultation: ['approved', 'draft'],
  approved: ['archived'],
  archived: ['draft'],
}

/**
 * The status buttons of a layer. Each asks for a confirmation first, saying who will see the
 * layer after it, since a status decides whether the public sees it.
 */
export function StatusActions({ layer, onChanged }: { layer: ManagedLayer; onChanged(layer: ManagedLayer): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [asked, setAsked] = useState<LayerStatus>()
  const confirmButton = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (asked) confirmButton.current?.focus()
  }, [asked])
  const change = async (status: LayerStatus) => {
    const changed = await write.run(() => updateLayer(layer.id, { status }))
    setAsked(undefined)
    if (changed) onChanged(changed)
  }
  return (
    <section className="planning-card status-actions" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('planning.status.heading')}</h2>
      <p>{t(`planning.status.explain.${layer.status}`)}</p>
      {asked ? (
        <div className="status-actions__confirm" role="group" aria-labelledby="status-confirm-text">
          <p id="status-confirm-text">
            <strong>{t('planning.status.confirm', { status: t(`planning.status.${asked}`) })}</strong> {t(`planning.status.explain.${asked}`)}
          </p>
          <div className="button-row">
            <button ref={confirmButton} type="button" className="button button--small" aria-disabled={write.pending} onClick={() => !write.pending && void change(asked)}>
              {t('planning.status.yes', { status: t(`planning.status.${asked}`) })}
            </button>
            <button type="button" className="button button--small button--secondary" onClick={() => setAsked(undefined)}>
              {t('office.form.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {NEXT_STATUSES[layer.status].map((status) => (
            <button key={status} type="button" className="button button--small button--secondary" onClick={() => setAsked(status)}>
              {t(`planning.status.to.${status}`)}
            </button>
          ))}
        </div>
      )}
      <FormProblem problem={write.problem} />
    </section>
  )
}
