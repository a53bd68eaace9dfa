import { useTranslation } from 'react-i18next'
import { LOCALE_OF } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import type { BudgetProposal } from './budget-api.ts'

/** A same-origin link to a file the API names by its full URL, so it opens from whichever host the page was loaded. */
const sameOrigin = (url: string) => new URL(url).pathname

/** A proposal's photos (the author's, then the construction's) as thumbnails opening the full photo, and its PDFs. */
export function ProposalMedia({ proposal, language }: { proposal: BudgetProposal; language: Language }) {
  const { t } = useTranslation()
  const size = new Intl.NumberFormat(LOCALE_OF[language], { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 })
  if (proposal.photos.length === 0 && proposal.documents.length === 0) return null
  return (
    <section aria-labelledby="media-heading" className="budget-media">
      <h2 id="media-heading">{t('budgets.project.media')}</h2>
      {proposal.photos.length > 0 && (
        <ul className="budget-media__photos">
          {proposal.photos.map((photo) => (
            <li key={photo.id} data-stage={photo.stage}>
              <a href={sameOrigin(photo.url)}>
                <img src={sameOrigin(photo.thumb)} alt={photo.caption || t(`budgets.project.photo.${photo.stage}`)} loading="lazy" />
              </a>
              {photo.caption && <span className="field-hint">{photo.caption}</span>}
            </li>
          ))}
        </ul>
      )}
      {proposal.documents.length > 0 && (
        <ul>
          {proposal.documents.map((doc) => (
            <li key={doc.id}>
              <a href={sameOrigin(doc.url)}>{doc.title}</a> <span className="field-hint">(PDF, {size.format(Math.ceil(doc.bytes / 1000))})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
