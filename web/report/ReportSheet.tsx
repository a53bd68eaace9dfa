import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useEscapeKey } from '../hooks/index.ts'
import type { Camera, Language } from '../url-state/index.ts'
import { FieldCategory } from './FieldCategory.tsx'
import { NearbyAppeals, useNearbyAppeals } from './NearbyAppeals.tsx'
import { REPORT_STEPS } from './report-draft.ts'
import { ReportContactStep } from './ReportContactStep.tsx'
import { ReportDetailsStep } from './ReportDetailsStep.tsx'
import { ReportLocationStep } from './ReportLocationStep.tsx'
import { ReportReceipt } from './ReportReceipt.tsx'
import { ReportReviewStep } from './ReportReviewStep.tsx'
import type { ReportFlowWithCategories } from './use-report.ts'

/** Props of {@link ReportSheet}. */
export interface ReportSheetProps {
  report: ReportFlowWithCategories
  language: Language
  cityId: string
  camera: Camera | undefined
  onClose(): void
  /** The resident wants to see the filed appeal on the map. */
  onShowOnMap(): void
}

/**
 * The "report a problem" panel: one step at a time with its heading, progress and the buttons
 * to go back and on. A bottom sheet over the map while the point is chosen, a full-screen panel
 * on phones for the other steps, a side panel on wide screens. The heading takes the focus on
 * every step, so screen readers announce where the resident is; Escape closes the sheet. A
 * report about an object on the map says which object on every step.
 */
export function ReportSheet({ report, language, cityId, camera, onClose, onShowOnMap }: ReportSheetProps) {
  const { t } = useTranslation()
  const { flow, categories, category } = report
  const { draft, errors, submission } = flow
  const heading = useRef<HTMLHeadingElement>(null)
  const nearby = useNearbyAppeals(draft.location, draft.categoryId)
  // The nearby appeals are offered once per category and point; "mine is different" moves on.
  const nearbyKey = `${draft.categoryId}@${draft.location?.lat},${draft.location?.lon}`
  const [nearbyShownFor, setNearbyShownFor] = useState<string>()
  const showingNearby = draft.step === 'category' && nearbyShownFor === nearbyKey && (nearby?.length ?? 0) > 0
  const filed = submission.status === 'filed' ? submission.receipt : undefined
  const queued = submission.status === 'queued'
  const stepIndex = REPORT_STEPS.indexOf(draft.step)
  // Going on before the look-up answers would skip the appeals it may find.
  const checkingNearby = draft.step === 'category' && category !== undefined && nearby === undefined

  useEscapeKey(onClose)
  useEffect(() => heading.current?.focus(), [draft.step, showingNearby, queued])

  const goOn = () => {
    if (draft.step === 'category' && category && !showingNearby && (nearby?.length ?? 0) > 0) setNearbyShownFor(nearbyKey)
    else flow.next()
  }

  const title = filed ? t('report.receipt.title') : queued ? t('report.queued.title') : showingNearby ? t('report.nearby.title') : t(`report.step.${draft.step}`)
  return (
    <section className="report-sheet" data-step={filed ? 'receipt' : queued ? 'queued' : draft.step} aria-labelledby="report-heading">
      <div className="report-sheet__bar">
        <div>
          <p className="report-sheet__progress">
            {filed || queued ? t('report.title') : t('report.progress', { step: stepIndex + 1, count: REPORT_STEPS.length })}
          </p>
          <h2 id="report-heading" ref={heading} tabIndex={-1} className="report-sheet__heading">
            {title}
          </h2>
        </div>
        <button type="button" className="feature-panel__close" onClick={onClose} aria-label={t('report.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="report-sheet__body">
        {draft.object && !filed && !queued && (
          <p className="report-sheet__object" data-object-layer={draft.object.layer} data-object-feature={draft.object.featureId}>
            {t('objectReport.about', { name: draft.object.name })}
          </p>
        )}
        {filed ? (
          <ReportReceipt receipt={filed} language={language} onShowOnMap={onShowOnMap} onReportAnother={flow.restart} />
        ) : queued ? (
          <div className="report-step report-queued">
            <p>{t('report.queued.text')}</p>
            <p>{t('report.queued.receipt')}</p>
            <button type="button" className="button" onClick={flow.restart}>
              {t('report.receipt.another')}
            </button>
          </div>
        ) : categories.status === 'failed' ? (
          <p className="input-error" role="alert">
            {categories.problem.title} {categories.problem.detail}
          </p>
        ) : draft.step === 'location' ? (
          <ReportLocationStep location={draft.location} camera={camera} cityId={cityId} error={errors.location} onChange={(location) => flow.update({ location, toDeputy: false })} />
        ) : draft.step === 'category' ? (
          showingNearby && nearby ? (
            <NearbyAppeals appeals={nearby} language={language} />
          ) : categories.status === 'ready' ? (
            <FieldCategory categories={categories.data} value={draft.categoryId} language={language} error={errors.category} onChange={(categoryId) => flow.update({ categoryId })} />
          ) : (
            <p>{t('app.loading')}</p>
          )
        ) : !category ? (
          <p>{t('app.loading')}</p>
        ) : draft.step === 'details' ? (
          <ReportDetailsStep draft={draft} category={category} language={language} errors={errors} onChange={flow.update} />
        ) : draft.step === 'contact' ? (
          <ReportContactStep draft={draft} errors={errors} onChange={flow.update} />
        ) : (
          <ReportReviewStep cityId={cityId} draft={draft} category={category} language={language} errors={errors} submission={submission} onEdit={flow.goTo} onChange={flow.update} />
        )}
      </div>
      {!filed && !queued && (
        <div className="report-sheet__footer">
          {showingNearby ? (
            <button type="button" className="button button--secondary" onClick={() => setNearbyShownFor(undefined)}>
              {t('report.nearby.back')}
            </button>
          ) : (
            stepIndex > 0 && (
              <button type="button" className="button button--secondary" onClick={flow.back}>
                {t('report.back')}
              </button>
            )
          )}
          {draft.step === 'review' ? (
            <button type="button" className="button button--primary" onClick={flow.submit} disabled={submission.status === 'sending'}>
              {submission.status === 'sending' ? t('report.sending') : submission.status === 'failed' ? t('report.retry') : t('report.submit')}
            </button>
          ) : (
            <button type="button" className="button button--primary" onClick={showingNearby ? flow.next : goOn} disabled={checkingNearby}>
              {showingNearby ? t('report.nearby.different') : checkingNearby ? t('report.nearby.checking') : t('report.next')}
            </button>
          )}
        </div>
      )}
    </section>
  )
}
