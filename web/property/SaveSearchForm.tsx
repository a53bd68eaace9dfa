import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sendJson } from '../api-client/index.ts'
import { ActionForm, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { ConfirmationSentSchema } from './property-api.ts'

/**
 * "Save this search": the investment map's current filters (the query its URL keeps, the city
 * included) and an e-mail → `POST /api/investment/searches`; then "check your mail", for mails
 * about new offers that match start only once the link in the first one is followed.
 */
export function SaveSearchForm({ query, language }: { query: string; language: Language }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [open, setOpen] = useState(false)
  const [email, setEmail] = useState('')
  const [sentTo, setSentTo] = useState<string>()
  const save = async () => {
    const answer = await write.run(() => sendJson('/api/investment/searches', ConfirmationSentSchema, { body: { email: email.trim(), query, locale: language } }))
    if (answer) setSentTo(email.trim())
  }
  return (
    <section className="property-save-search" aria-labelledby="save-search-heading" data-state={sentTo ? 'sent' : open ? 'form' : 'closed'} data-query={query}>
      <h2 id="save-search-heading" className="visually-hidden">
        {t('property.saveSearch.heading')}
      </h2>
      {sentTo ? (
        <div role="status" className="works-subscribe__sent">
          <p>
            <strong>{t('property.saveSearch.checkMail')}</strong>
          </p>
          <p>{t('property.saveSearch.sent', { email: sentTo })}</p>
        </div>
      ) : open ? (
        <ActionForm write={write} submitLabel={t('property.saveSearch.submit')} onSubmit={() => void save()} onCancel={() => setOpen(false)}>
          <p className="field-hint">{t('property.saveSearch.intro')}</p>
          <FieldText label={t('property.saveSearch.email')} type="email" autoComplete="email" value={email} onChange={setEmail} error={write.fieldError('email') ?? write.fieldError('query')} />
        </ActionForm>
      ) : (
        <button type="button" className="button button--small button--secondary" onClick={() => setOpen(true)}>
          {t('property.saveSearch.open')}
        </button>
      )}
    </section>
  )
}
