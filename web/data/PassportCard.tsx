import { useTranslation } from 'react-i18next'
import type { DataPassport } from '../../api/contract/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import type { Language } from '../url-state/index.ts'
import { formatBytes } from './catalogue-filter.ts'

/** The format names shown on the download links. */
const FORMAT_LABEL: Record<DataPassport['distributions'][number]['format'], string> = { geojson: 'GeoJSON', csv: 'CSV', gpkg: 'GeoPackage', fgb: 'FlatGeobuf' }

/** One dataset's passport (CMU Resolution No 835): what it is, whose, under which law and licence, its fields, files and services. */
export function PassportCard({ passport: p, language }: { passport: DataPassport; language: Language }) {
  const { t } = useTranslation()
  const locale = LOCALE_OF[language]
  const title = pickText(p.title, language)
  const headingId = `passport-${p.id}`
  return (
    <article id={p.id} className="passport" aria-labelledby={headingId} data-layer={p.id}>
      <h2 id={headingId} className="passport__title">
        {title}
      </h2>
      <p className="passport__badges">
        <span className="passport__badge">{pickText(p.city_name, language)}</span>
        <span className="passport__badge">{t(`theme.${p.theme}`, { defaultValue: p.theme })}</span>
        <span className={`passport__badge passport__badge--${p.synthetic ? 'synthetic' : 'real'}`}>{p.synthetic ? t('data.passport.synthetic') : t('data.passport.real')}</span>
      </p>
      <p>{pickText(p.description, language)}</p>
      <dl className="passport__fields">
        <dt>{t('data.passport.owner')}</dt>
        <dd>{pickText(p.owner.name, language)}</dd>
        <dt>{t('data.passport.responsible')}</dt>
        <dd>{pickText(p.responsible.role, language)}</dd>
        <dt>{t('data.passport.frequency')}</dt>
        <dd>{t(`data.frequency.${p.update_frequency}`)}</dd>
        <dt>{t('data.passport.updated')}</dt>
        <dd>
          <time dateTime={p.updated_at}>{new Date(p.updated_at).toLocaleDateString(locale, { dateStyle: 'long' })}</time>
        </dd>
        <dt>{t('data.passport.legalBasis')}</dt>
        <dd>{pickText(p.legal_basis, language)}</dd>
        <dt>{t('data.passport.licence')}</dt>
        <dd>
          <a href={p.licence.url}>{p.licence.known ? p.licence.title : t('data.passport.licenceUnknown')}</a>
          {!p.licence.known && ` (${p.licence.title})`}
        </dd>
        <dt>{t('data.passport.attribution')}</dt>
        <dd>{p.attribution}</dd>
        <dt>{t('data.passport.source')}</dt>
        <dd className="passport__source">{p.source}</dd>
        <dt>{t('data.passport.features')}</dt>
        <dd>
          {p.feature_count.toLocaleString(locale)}
          {p.synthetic && p.synthetic_features < p.feature_count && ` ${t('data.passport.syntheticFeatures', { count: p.synthetic_features, formatted: p.synthetic_features.toLocaleString(locale) })}`}
        </dd>
        <dt>{t('data.passport.size')}</dt>
        <dd>{formatBytes(p.data_bytes, locale)}</dd>
      </dl>
      <details className="passport__schema">
        <summary>{t('data.passport.schema', { count: p.fields.length })}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('data.passport.fieldName')}</th>
              <th scope="col">{t('data.passport.fieldType')}</th>
              <th scope="col">{t('data.passport.fieldLabelUk')}</th>
              <th scope="col">{t('data.passport.fieldLabelEn')}</th>
            </tr>
          </thead>
          <tbody>
            {p.fields.map((f) => (
              <tr key={f.name}>
                <td>
                  <code>{f.name}</code>
                </td>
                <td>{f.type}</td>
                <td lang="uk">{f.label.uk}</td>
                <td lang="en">{f.label.en}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <p className="passport__links">
        <span className="passport__links-label">{t('data.passport.download')}</span>
        {p.distributions.map((d) => (
          <a key={d.format} href={d.url} type={d.media_type} aria-label={t('data.passport.downloadAs', { title, format: FORMAT_LABEL[d.format] })}>
            {FORMAT_LABEL[d.format]}
          </a>
        ))}
      </p>
      <p className="passport__links">
        <span className="passport__links-label">{t('data.passport.services')}</span>
        <a href={p.links.map} aria-label={t('data.passport.onMap', { title })}>
          {t('data.passport.map')}
        </a>
        <a href={p.links.ogc_collection} aria-label={`OGC API – Features: ${title}`}>
          OGC API
        </a>
        <a href={p.links.tilejson} aria-label={`TileJSON: ${title}`}>
          TileJSON
        </a>
        <a href={p.links.style} aria-label={t('data.passport.styleOf', { title })}>
          {t('data.passport.style')}
        </a>
        <a href={p.links.ckan} aria-label={`CKAN: ${title}`}>
          CKAN
        </a>
      </p>
    </article>
  )
}
