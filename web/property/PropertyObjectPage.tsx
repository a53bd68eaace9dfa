import '../css/planning.css'
import './property.css'
import type { Geometry } from 'geojson'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SessionSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { PROPERTY_VIEW, sectionHref } from './list-view.ts'
import { joinList, ObjectFacts, ObjectShapeMap, type Fact } from './ObjectFacts.tsx'
import { PROPERTY_STATUS_COLORS, PropertyObjectSchema, type PropertyObjectDetail, PropertyLineSchema } from './property-api.ts'
import { formatArea, formatDate, formatHryvnias } from './property-format.ts'
import { MANAGES_PROPERTY, PropertyEditForm } from './PropertyStaffForms.tsx'
import { ObjectFiles, ObjectFileUpload } from './ObjectFiles.tsx'
import { reportAboutHref } from './report-link.ts'
import { useSectionLanguage, useUrlLanguage } from './use-list-view.ts'

/**
 * `/property/{id}`: one object of the register with all its public attributes formatted, its
 * lease (a private lessee is never named) and auction lot, its shape unless the place is
 * withheld, the public appeals about it, and the button that reports a problem with it.
 */
export function PropertyObjectPage({ id }: { id: number }) {
  const { t } = useTranslation()
  const { lang, setLanguage } = useUrlLanguage()
  const language = useSectionLanguage(lang)
  const object = useApiResource(`/api/property/${id}`, PropertyObjectSchema)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const manages = session.status === 'ready' && (session.data.user?.permissions.includes(MANAGES_PROPERTY) ?? false)
  // The manager's edit answers the line as changed; it replaces the one loaded (keeping its appeals).
  const [changed, setChanged] = useState<PropertyObjectDetail>()
  const o = changed ?? (object.status === 'ready' ? object.data : undefined)
  return (
    <>
      <PageHeader language={language} mapHref={o ? `/?city=${o.city}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page property-section property-object" data-object-id={id}>
        <p className="property-back">
          <a href={sectionHref(PROPERTY_VIEW, o ? { city: o.city } : {}, lang)}>{t('property.register.back')}</a>
        </p>
        {object.status === 'loading' && <p role="status">{t('app.loading')}</p>}
        {object.status === 'failed' && <LoadFailure title={object.problem.status === 404 ? t('property.object.notFound') : (object.problem.detail ?? object.problem.title)} />}
        {o && <RegisterObject object={o} language={language} lang={lang} />}
        {o && manages && <PropertyEditForm object={o} onSaved={(line) => setChanged({ ...o, ...line })} />}
        {o && manages && (
          <section aria-labelledby="line-files-heading" className="planning-card property-staff">
            <h2 id="line-files-heading">{t('property.files.staff')}</h2>
            <ObjectFileUpload kind="photo" url={`/api/property/${o.id}/photos`} schema={PropertyLineSchema} onDone={(line) => setChanged({ ...o, ...line })} />
            <ObjectFileUpload kind="document" url={`/api/property/${o.id}/documents`} schema={PropertyLineSchema} onDone={(line) => setChanged({ ...o, ...line })} />
          </section>
        )}
      </main>
    </>
  )
}

function RegisterObject({ object: o, language, lang }: { object: PropertyObjectDetail; language: Language; lang: Language | undefined }) {
  const { t } = useTranslation()
  const locale = LOCALE_OF[language]
  const holder = o.balance_holder && [o.balance_holder.name, o.balance_holder.edrpou && t('property.object.edrpou', { code: o.balance_holder.edrpou })].filter(Boolean).join(', ')
  const lease = o.lease && [o.lease.lessee ?? t('property.object.privateLessee'), o.lease.from && t('property.object.from', { date: formatDate(o.lease.from, language) }), o.lease.until && t('property.object.until', { date: formatDate(o.lease.until, language) })].filter(Boolean).join(', ')
  const facts: Fact[] = [
    [t('property.object.kind'), t(`property.kinds.${o.kind}`), 'kind'],
    [t('property.object.status'), t(`property.statuses.${o.status}`), 'status'],
    [t('property.object.registerId'), o.register_id, 'register_id'],
    [t('property.object.cadastralNumber'), o.cadastral_number, 'cadastral_number'],
    [t('property.object.inventoryNumber'), o.inventory_number, 'inventory_number'],
    [t('property.object.address'), o.address, 'address'],
    [t('property.object.district'), o.district?.name, 'district'],
    [t('property.object.area'), o.area_m2 !== null && formatArea(o.area_m2, o.kind, language), 'area'],
    [t('property.object.purpose'), [o.purpose_code, o.purpose].filter(Boolean).join(' · '), 'purpose'],
    [t('property.object.normativeValue'), o.normative_value !== null && formatHryvnias(o.normative_value, language), 'normative_value'],
    [t('property.object.balanceHolder'), holder, 'balance_holder'],
    [t('property.object.owner'), o.owner, 'owner'],
    [t('property.object.user'), o.user, 'user'],
    [t('property.object.nk018'), o.nk018_class, 'nk018_class'],
    [t('property.object.rights'), o.rights_registration, 'rights_registration'],
    [t('property.object.condition'), o.condition && t(`property.conditions.${o.condition}`), 'condition'],
    [t('property.object.utilities'), o.utilities.length > 0 ? joinList(o.utilities.map((u) => t(`property.utilities.${u}`)), locale) : t('property.object.noUtilities'), 'utilities'],
    [t('property.object.lease'), lease, 'lease'],
    [
      t('property.object.auction'),
      o.auction && (
        <>
          <a href={o.auction.url} rel="external noopener" target="_blank">
            {t('property.object.auctionLot', { lot: o.auction.lot_id })}
          </a>
          {o.auction.start && ` · ${t('property.object.from', { date: formatDate(o.auction.start, language) })}`}
          {o.auction.end && ` · ${t('property.object.until', { date: formatDate(o.auction.end, language) })}`}
        </>
      ),
      'auction',
    ],
    [t('property.object.source'), t(`property.sources.${o.source}`), 'source'],
    [t('property.object.updated'), formatDate(o.updated_at, language), 'updated'],
  ]
  return (
    <article aria-labelledby="object-heading">
      <h1 id="object-heading">
        {o.name ?? o.address ?? o.register_id} {o.synthetic && <span className="badge badge--synthetic">{t('property.synthetic')}</span>}
      </h1>
      {o.sensitive && (
        <p className="property-object__withheld" role="note">
          {t('property.object.withheld')}
        </p>
      )}
      {o.feature && (
        <p>
          <a className="button" href={reportAboutHref(o.city, o.feature, o.geometry as Geometry | null, lang ?? language)}>
            {t('property.object.report')}
          </a>
        </p>
      )}
      <div className="property-object__body">
        <ObjectFacts facts={facts} label={t('property.object.facts')} />
        {o.geometry && <ObjectShapeMap cityId={o.city} id={o.id} geometry={o.geometry} status={o.status} colours={PROPERTY_STATUS_COLORS} />}
      </div>
      <ObjectFiles photos={o.photos} documents={o.documents} />
      <section aria-labelledby="appeals-heading" className="property-appeals">
        <h2 id="appeals-heading">{t('property.object.appeals')}</h2>
        {o.appeals.length === 0 ? (
          <p>{t('property.object.noAppeals')}</p>
        ) : (
          <ul>
            {o.appeals.map((a) => (
              <li key={a.number} data-appeal={a.number}>
                <a href={new URL(a.url).pathname}>{a.number}</a> · {a.category} · {t(`appealStatus.${a.status}`, { defaultValue: a.status })} · {formatDate(a.created_at, language)}
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  )
}
