import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, type AppealCategory, type AppealReceipt, type AppealSubmission, newIdempotencyKey, type Problem, submitAppeal } from '../api-client/index.ts'
import { isRetryable, onOutboxEvent, queueAppeal } from '../offline/index.ts'
import type { Language } from '../url-state/index.ts'
import {
  REPORT_STEPS,
  checkStep,
  draftAbout,
  emptyDraft,
  stepOfField,
  toFieldErrors,
  type FieldErrors,
  type ReportDraft,
  type ReportObject,
  type ReportStep,
} from './report-draft.ts'

/** Where the filing stands: still being written, on its way, refused, or filed. */
export type ReportSubmission =
  | { status: 'editing' }
  | { status: 'sending' }
  | { status: 'failed'; problem: Problem }
  /** Kept on this device without a connection; sent, with the same key, when it returns. */
  | { status: 'queued' }
  | { status: 'filed'; receipt: AppealReceipt }

/** The report flow's state and the ways to move through it. */
export interface ReportFlow {
  draft: ReportDraft
  /** What is wrong, per form field, as the resident reads it (checked here or by the API). */
  errors: FieldErrors
  submission: ReportSubmission
  /** Changes some answers and forgets the errors about them. */
  update(patch: Partial<Omit<ReportDraft, 'step'>>): void
  /** Goes on to the next step when this one is complete; otherwise shows what is missing. */
  next(): void
  back(): void
  goTo(step: ReportStep): void
  /** Files the appeal; a retry after a failure sends the same Idempotency-Key. */
  submit(): void
  /** Starts a new report with a new Idempotency-Key. */
  restart(): void
  /** Starts a new report about an object on the map, its point already chosen. */
  startAbout(object: ReportObject, at: { lon: number; lat: number }): void
}

/** The error keys each draft field's changes make stale. */
const ERROR_KEYS_OF: Record<keyof Omit<ReportDraft, 'step'>, string> = {
  location: 'location',
  categoryId: 'category',
  description: 'description',
  answers: 'answers.',
  photos: 'photos',
  contact: 'contact.',
  showName: 'show_name',
  isPublic: 'public',
  toDeputy: 'to_deputy',
  website: 'website',
  object: 'object',
}

/**
 * The report-a-problem flow for `city`: the draft, step by step, then the submission. The
 * Idempotency-Key is made once per attempt of the form and kept across retries, so a
 * resubmission after a lost answer cannot file the same appeal twice.
 */
export function useReportFlow(city: string, categories: readonly AppealCategory[], language: Language): ReportFlow {
  const { t } = useTranslation()
  const [draft, setDraft] = useState(emptyDraft)
  const [errors, setErrors] = useState<FieldErrors>({})
  const [submission, setSubmission] = useState<ReportSubmission>({ status: 'editing' })
  const idempotencyKey = useRef(newIdempotencyKey())
  const category = categories.find((candidate) => candidate.id === draft.categoryId)

  const update = useCallback((patch: Partial<Omit<ReportDraft, 'step'>>) => {
    setDraft((current) => ({ ...current, ...patch }))
    const stale = Object.keys(patch).map((key) => ERROR_KEYS_OF[key as keyof typeof ERROR_KEYS_OF])
    setErrors((current) => {
      const kept = Object.entries(current).filter(([field]) => !stale.some((prefix) => field.startsWith(prefix)))
      return kept.length === Object.keys(current).length ? current : Object.fromEntries(kept)
    })
  }, [])

  const goTo = useCallback((step: ReportStep) => setDraft((current) => ({ ...current, step })), [])

  const next = () => {
    const problems = checkStep(draft, draft.step, category)
    if (Object.keys(problems).length > 0) {
      setErrors(Object.fromEntries(Object.entries(problems).map(([field, check]) => [field, t(`report.check.${check}`)])))
      return
    }
    const index = REPORT_STEPS.indexOf(draft.step)
    goTo(REPORT_STEPS[Math.min(index + 1, REPORT_STEPS.length - 1)] ?? 'review')
  }

  const back = () => goTo(REPORT_STEPS[Math.max(REPORT_STEPS.indexOf(draft.step) - 1, 0)] ?? 'location')

  const refused = useCallback(
    (problem: Problem) => {
      const fieldErrors = toFieldErrors(problem.errors ?? [])
      setErrors(fieldErrors)
      setSubmission({ status: 'failed', problem })
      const firstStep = REPORT_STEPS.find((step) => Object.keys(fieldErrors).some((field) => stepOfField(field) === step))
      if (firstStep) goTo(firstStep)
    },
    [goTo],
  )

  // An appeal queued by this form is sent by the outbox, perhaps while the form is still open.
  useEffect(
    () =>
      onOutboxEvent((event) => {
        if (event.key !== idempotencyKey.current) return
        if (event.kind === 'sent') setSubmission({ status: 'filed', receipt: event.receipt })
        if (event.kind === 'refused') refused(event.problem)
      }),
    [refused],
  )

  const submit = () => {
    if (!draft.location || !category || submission.status === 'sending') return
    setSubmission({ status: 'sending' })
    setErrors({})
    const { location } = draft
    const appeal: AppealSubmission = {
      city,
      category: category.id,
      lat: location.lat,
      lon: location.lon,
      description: draft.description,
      answers: pickAnswers(draft.answers, category),
      contact: draft.contact,
      showName: draft.showName,
      isPublic: draft.isPublic,
      toDeputy: draft.toDeputy,
      locale: language,
      website: draft.website,
      photos: draft.photos,
      object: draft.object && { layer: draft.object.layer, featureId: draft.object.featureId },
    }
    const key = idempotencyKey.current
    // Without a connection the appeal waits on the device. Online, a failure is shown, and the
    // resident sends again with the same key (a lost answer then gets the first receipt).
    const queue = () =>
      queueAppeal(appeal, key).then(
        () => setSubmission({ status: 'queued' }),
        (error: unknown) => setSubmission({ status: 'failed', problem: { title: t('report.notKept'), detail: String(error) } }),
      )
    if (!navigator.onLine) return void queue()
    submitAppeal(appeal, key).then(
      (receipt) => setSubmission({ status: 'filed', receipt }),
      (error: unknown) => {
        if (!navigator.onLine && isRetryable(error)) return void queue()
        refused(error instanceof ApiProblemError ? error.problem : { title: String(error) })
      },
    )
  }

  const restart = () => {
    idempotencyKey.current = newIdempotencyKey()
    setDraft(emptyDraft())
    setErrors({})
    setSubmission({ status: 'editing' })
  }

  const startAbout = (object: ReportObject, at: { lon: number; lat: number }) => {
    idempotencyKey.current = newIdempotencyKey()
    setDraft(draftAbout(object, at))
    setErrors({})
    setSubmission({ status: 'editing' })
  }

  return { draft, errors, submission, update, next, back, goTo, submit, restart, startAbout }
}

/** Only the answers to this category's questions: a category switch leaves the old ones behind. */
function pickAnswers(answers: Record<string, string>, category: AppealCategory): Record<string, string> {
  return Object.fromEntries(category.questions.flatMap((q) => (answers[q.id] === undefined ? [] : [[q.id, answers[q.id] ?? '']])))
}
