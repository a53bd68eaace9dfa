import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TrackedAppealSchema, type TrackedAppeal } from '../api-client/index.ts'
import { PageHeader } from '../ui/index.ts'
import { useApiResource, usePageLanguage } from '../hooks/index.ts'
import { AppealDetails } from './AppealDetails.tsx'
import { AppealFeedback } from './AppealFeedback.tsx'

/**
 * `/appeals/track/{token}`: the author's private page, found by the secret token from the
 * receipt. It adds what only the author sees (their contact details and privacy choices) and,
 * once the appeal is resolved, the buttons to confirm or reopen it.
 */
export function TrackingPage({ token }: { token: string }) {
  const { t } = useTranslation()
  const { language, setLanguage } = usePageLanguage()
  const [revision, setRevision] = useState(0)
  const appeal = useApiResource(`/api/appeals/track/${encodeURIComponent(token)}`, TrackedAppealSchema, revision)
  const mapHref = language === 'uk' ? '/' : `/?lang=${language}`
  return (
    <>
      <PageHeader language={language} mapHref={mapHref} onLanguageChange={setLanguage} />
      <main id="content" className="page">
        {appeal.status === 'loading' && <p>{t('app.loading')}</p>}
        {appeal.status === 'failed' && (
          <div role="alert">
            <h1>{appeal.problem.status === 404 ? t('tracking.notFound') : appeal.problem.title}</h1>
            {appeal.problem.status !== 404 && appeal.problem.detail && <p>{appeal.problem.detail}</p>}
          </div>
        )}
        {appeal.status === 'ready' && (
          <AppealDetails appeal={appeal.data} language={language}>
            <PrivateFacts appeal={appeal.data} />
            <AppealFeedback token={token} appeal={appeal.data} onSent={() => setRevision((n) => n + 1)} />
          </AppealDetails>
        )}
      </main>
    </>
  )
}

/** What only the author sees: whether the appeal is public and the contact details the city has. */
function PrivateFacts({ appeal }: { appeal: TrackedAppeal }) {
  const { t } = useTranslation()
  const contact = [appeal.contact.name, appeal.contact.email, appeal.contact.phone].filter(Boolean).join(', ')
  return (
    <section className="appeal-section privacy-note" aria-labelledby="tracking-private-heading">
      <h2 id="tracking-private-heading">{t('tracking.private')}</h2>
      <p>{appeal.is_public ? t('tracking.isPublic') : t('tracking.isPrivate')}</p>
      <p>{contact ? t('tracking.contact', { contact }) : t('tracking.noContact')}</p>
    </section>
  )
}
