import { useTranslation } from 'react-i18next'
import type { AppealPhoto } from '../api-client/index.ts'

/** The appeal's photos as thumbnails, each linking to the full-size picture; the resident's first, then the work's. */
export function AppealPhotos({ photos }: { photos: readonly AppealPhoto[] }) {
  const { t } = useTranslation()
  if (photos.length === 0) return null
  return (
    <section className="appeal-section" aria-labelledby="appeal-photos-heading">
      <h2 id="appeal-photos-heading">{t('appeal.photos')}</h2>
      <ul className="appeal-photos">
        {photos.map((photo, index) => (
          <li key={photo.id}>
            <a href={photo.url}>
              <img
                src={photo.thumbnail_url}
                alt={t(photo.stage === 'work' ? 'appeal.photoWork' : 'appeal.photoReport', { index: index + 1 })}
                loading="lazy"
                width={160}
                height={Math.round((160 * photo.height) / Math.max(photo.width, 1))}
              />
            </a>
          </li>
        ))}
      </ul>
    </section>
  )
}
