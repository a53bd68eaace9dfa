import '../css/planning.css'
import '../css/budgets.css'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiProblemError, SessionSchema, type Problem } from '../api-client/index.ts'
import { useApiResource, usePageLanguage } from '../hooks/index.ts'
import { pickText } from '../i18n/index.ts'
import { FieldSelect, FormProblem, LoadFailure, useApiWrite } from '../office/shared/index.ts'
import { FieldText, PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { createProposal, EditionSchema, precheckPlace, PROPOSAL_CATEGORIES, ProposalListSchema, type BudgetEdition, type Precheck, type ProposalCategory } from './budget-api.ts'
import { budgetsHref, proposalHref, proposeHref } from './budget-links.ts'
import { SyntheticBadge } from './BudgetBadges.tsx'
import { CostItemsField } from './CostItemsField.tsx'
import { costItemsBody, type CostRow } from './cost-items.ts'
import { placeGeometry, type DrawnPlace } from './place-drawing.ts'
import { PlaceEditor } from './PlaceEditor.tsx'
import { PrecheckView } from './PrecheckView.tsx'


/**
 * `/budgets/{id}/propose`: the proposal wizard. A signed-in resident, during the submission
 * phase, marks the place (a point or an area), sees the pre-check of it as soon as it is marked,
 * writes what the project is, lists its costs, and keeps it as a draft or submits it. The
 * server's field errors show next to their fields.
 */
export function ProposeWizardPage({ edition: editionId }: { edition: number }) {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const edition = useApiResource(`/api/budgets/${editionId}`, EditionSchema)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const e = edition.status === 'ready' ? edition.data : undefined
  const user = session.status === 'ready' ? session.data.user : null
  return (
    <>
      <PageHeader language={language} mapHref={e ? `/?city=${e.city}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page planning-public budgets budget-wizard">
        {e && (
          <p className="planning__links">
            <a href={budgetsHref(language, e.city, e.id)}>{t('budgets.propose.back')}</a>
          </p>
        )}
        <h1>{t('budgets.propose.title')}</h1>
        {edition.status === 'failed' && <LoadFailure title={edition.problem.detail ?? edition.problem.title} />}
        {e && (
          <p>
            {e.year} · {pickText(e.title, language)} {e.synthetic && <SyntheticBadge />}
          </p>
        )}
        {e && e.phase !== 'submission' && <p>{t('budgets.propose.closed')}</p>}
        {e && e.phase === 'submission' && session.status === 'ready' && !user && (
          <p>
            <a className="button" href={`/sign-in?next=${encodeURIComponent(proposeHref(e.id, language))}`}>
              {t('budgets.propose.signIn')}
            </a>
          </p>
        )}
        {e && e.phase === 'submission' && user && <ProposalForm edition={e} language={language} />}
      </main>
    </>
  )
}

/** The pre-check of a place: none yet, under way, done, or refused. */
type PrecheckState = { status: 'none' } | { status: 'loading' } | { status: 'ready'; precheck: Precheck } | { status: 'failed'; problem: Problem }

function ProposalForm({ edition, language }: { edition: BudgetEdition; language: Language }) {
  const { t } = useTranslation()
  const others = useApiResource(`/api/budgets/${edition.id}/proposals`, ProposalListSchema)
  const write = useApiWrite()
  const [place, setPlace] = useState<DrawnPlace>({ kind: 'none' })
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [category, setCategory] = useState<ProposalCategory | ''>('')
  const [rows, setRows] = useState<CostRow[]>([{ name: '', amount: '' }])
  const precheck = useLivePrecheck(edition.id, place)

  const send = async (draft: boolean) => {
    if (write.pending) return
    const geometry = placeGeometry(place)
    if (!geometry) return write.refuse({ title: t('budgets.propose.placeFirst'), status: 422, errors: [{ field: 'body.geometry', message: t('budgets.propose.placeFirst') }] })
    // An unchosen category goes as it is, so the server names it with the other fields.
    const body = { title, description, category: category as ProposalCategory, geometry, cost_items: costItemsBody(rows), draft }
    const created = await write.run(() => createProposal(edition.id, body))
    if (created) window.location.assign(proposalHref(edition.id, created.id, language))
  }
  return (
    <form
      className="office-form budget-wizard__form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void send(false)
      }}
    >
      <section aria-labelledby="step-place">
        <h2 id="step-place">{t('budgets.propose.step1')}</h2>
        <PlaceEditor cityId={edition.city} others={others.status === 'ready' ? others.data : []} place={place} onPlace={setPlace} error={write.fieldError('geometry')} />
        {precheck.status === 'loading' && <p role="status">{t('budgets.precheck.loading')}</p>}
        {precheck.status === 'failed' && <LoadFailure title={precheck.problem.detail ?? precheck.problem.title} />}
        {precheck.status === 'ready' && <PrecheckView precheck={precheck.precheck} pots={edition.pots} language={language} heading={t('budgets.precheck.heading')} />}
      </section>
      <section aria-labelledby="step-what">
        <h2 id="step-what">{t('budgets.propose.step2')}</h2>
        <FieldText label={t('budgets.propose.titleField')} value={title} onChange={setTitle} maxLength={200} error={write.fieldError('title')} />
        <FieldText label={t('budgets.propose.description')} hint={t('budgets.propose.descriptionHint')} rows={6} value={description} onChange={setDescription} error={write.fieldError('description')} />
        <FieldSelect
          label={t('budgets.propose.category')}
          value={category}
          empty="—"
          options={PROPOSAL_CATEGORIES.map((c) => ({ value: c, label: t(`budgets.categories.${c}`) }))}
          onChange={(value) => setCategory(value as ProposalCategory | '')}
          error={write.fieldError('category')}
        />
      </section>
      <section aria-labelledby="step-cost">
        <h2 id="step-cost">{t('budgets.propose.step3')}</h2>
        <CostItemsField rows={rows} onChange={setRows} language={language} fieldError={write.fieldError} />
      </section>
      <FormProblem problem={write.problem} />
      <div className="button-row">
        <button type="button" className="button button--secondary" aria-disabled={write.pending} onClick={() => void send(true)}>
          {t('budgets.propose.saveDraft')}
        </button>
        <button type="submit" className="button" aria-disabled={write.pending} data-disabled={write.pending}>
          {t('budgets.propose.submit')}
        </button>
      </div>
    </form>
  )
}

/** Asks the server for the pre-check of the place each time a whole place is marked; an earlier request still out is dropped. */
function useLivePrecheck(edition: number, place: DrawnPlace): PrecheckState {
  const [state, setState] = useState<PrecheckState>({ status: 'none' })
  const key = JSON.stringify(placeGeometry(place))
  useEffect(() => {
    const geometry = JSON.parse(key) as ReturnType<typeof placeGeometry>
    if (!geometry) return setState({ status: 'none' })
    const controller = new AbortController()
    setState({ status: 'loading' })
    precheckPlace(edition, geometry, controller.signal).then(
      (precheck) => setState({ status: 'ready', precheck }),
      (error: unknown) => {
        if (controller.signal.aborted) return
        setState({ status: 'failed', problem: error instanceof ApiProblemError ? error.problem : { title: String(error) } })
      },
    )
    return () => controller.abort()
  }, [edition, key])
  return state
}
