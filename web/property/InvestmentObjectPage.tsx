import '../css/planning.css'
import './property.css'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { SessionSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import { LOCALE_OF, pickText } from '../i18n/index.ts'
import { LoadFailure } from '../office/shared/index.ts'
import { PageHeader } from '../ui/index.ts'
import type { Language } from '../url-state/index.ts'
import { sectionHref, INVESTMENT_VIEW, objectHref, PROPERTY_VIEW } from './list-view.ts'
import { joinList, ObjectFacts, ObjectShapeMap, type Fact } from './ObjectFacts.tsx'
import { INVESTMENT_STATUS_COLORS, InvestmentObjectSchema, type InvestmentObject } from './property-api.ts'
import { formatArea, formatDate, formatDistance, formatHryvnias } from './property-format.ts'
import { InvestmentEditForm } from './InvestmentStaffForms.tsx'
import { ObjectFiles, ObjectFileUpload } from './ObjectFiles.tsx'
import { MANAGES_PROPERTY } from './PropertyStaffForms.tsx'
import { useSectionLanguage, useUrlLanguage } from './use-list-view.ts'

/**
 * `/investment/{id}`: one object offered to investors, every public field formatted (area in
 * hectares or square metres, money in hryvnias, dates), its shape on a small map, zoning,
 * distances to the nearest main road, railway and public transport, utilities, terms, the
 * department to contact, and the ProZorro.Sales lot when it is at auction.
 */
export function InvestmentObjectPage({ id }: { id: number }) {
  const { t } = useTranslation()
  const { lang, setLanguage } = useUrlLanguage()
  const language = useSectionLanguage(lang)
  const offer = useApiResource(`/api/investment/objects/${id}`, InvestmentObjectSchema)
  const session = useApiResource('/api/auth/session', SessionSchema)
  const manages = session.status === 'ready' && (session.data.user?.permissions.includes(MANAGES_PROPERTY) ?? false)
  // The manager's edit answers the offer as changed; it replaces the one loaded.
  const [changed, setChanged] = useState<InvestmentObject>()
  const o = changed ?? (offer.status === 'ready' ? offer.data : undefined)
  return (
    <>
      <PageHeader language={language} mapHref={o ? `/?city=${o.city}${language === 'uk' ? '' : `&lang=${language}`}` : '/'} onLanguageChange={setLanguage} />
      <main id="content" className="page property-section property-object" data-object-id={id}>
        <p className="property-back">
          <a href={sectionHref(INVESTMENT_VIEW, o ? { city: o.city } : {}, lang)}>{t('property.investment.back')}</a>
        </p>
        {offer.status === 'loading' && <p role="status">{t('app.loading')}</p>}
        {offer.status === 'failed' && <LoadFailure title={offer.problem.status === 404 ? t('property.object.notFound') : (offer.problem.detail ?? offer.problem.title)} />}
        {o && <OfferDetails offer={o} language={language} lang={lang} />}
        {o && manages && <InvestmentEditForm offer={o} onSaved={setChanged} />}
        {o && manages && (
          <section aria-labelledby="offer-files-heading" className="planning-card property-staff">
            <h2 id="offer-files-heading">{t('property.files.staff')}</h2>
            <ObjectFileUpload kind="photo" url={`/api/investment/objects/${o.id}/photos`} schema={InvestmentObjectSchema} onDone={setChanged} />
          </section>
        )}
      </main>
    </>
  )
}

function OfferDetails({ offer: o, language, lang }: { offer: InvestmentObject; language: Language; lang: Language | undefined }) {
  const { t } = useTranslation()
  const locale = LOCALE_OF[language]
  const distance = (d: InvestmentObject['nearest']['main_road']) => d && (d.name ? t('property.investment.distanceTo', { distance: formatDistance(d.metres, language), name: d.name }) : formatDistance(d.metres, language))
  const facts: Fact[] = [
    [t('property.object.kind'), t(`property.investmentKinds.${o.kind}`), 'kind'],
    [t('property.object.status'), t(`property.investmentStatuses.${o.status}`), 'status'],
    [t('property.object.area'), formatArea(o.area_m2, o.kind, language), 'area'],
    [t('property.object.address'), o.address, 'address'],
    [t('property.object.district'), o.district?.name, 'district'],
    [t('property.object.purpose'), o.purpose_code && `${o.purpose_code} · ${t(`property.purposes.${o.purpose_code.slice(0, 2)}`)}`, 'purpose'],
    [t('property.investment.permittedUse'), pickText(o.permitted_use, language), 'permitted_use'],
    [t('property.investment.zoning'), o.zoning.length > 0 && <ul>{o.zoning.map((z) => <li key={`${z.layer}/${z.zone}`}>{`${z.zone} · ${pickText(z.title, language)}`}</li>)}</ul>, 'zoning'],
    [t('property.investment.deal'), t(`property.deals.${o.deal}`), 'deal'],
    [t(`property.investment.startPrice.${o.deal}`), o.start_price !== null && formatHryvnias(o.start_price, language), 'start_price'],
    [t('property.investment.term'), o.term_years !== null && t('property.investment.years', { count: o.term_years }), 'term'],
    [t('property.object.utilities'), o.utilities.length > 0 ? joinList(o.utilities.map((u) => t(`property.utilities.${u}`)), locale) : t('property.object.noUtilities'), 'utilities'],
    [t('property.investment.nearestRoad'), distance(o.nearest.main_road), 'main_road'],
    [t('property.investment.nearestRail'), distance(o.nearest.rail), 'rail'],
    [t('property.investment.nearestTransport'), distance(o.nearest.public_transport), 'public_transport'],
    [
      t('property.object.auction'),
      o.auction && (
        <a href={o.auction.url} rel="external noopener" target="_blank">
          {t('property.object.auctionLot', { lot: o.auction.lot_id })}
        </a>
      ),
      'auction',
    ],
    [t('property.investment.register'), o.property_id !== null && <a href={objectHref(PROPERTY_VIEW, o.property_id, lang)}>{t('property.investment.registerLink')}</a>, 'property'],
    [t('property.object.updated'), formatDate(o.updated_at, language), 'updated'],
  ]
  const { contact } = o
  return (
    <article aria-labelledby="object-heading">
      <h1 id="object-heading">
        {pickText(o.title, language)} {o.synthetic && <span className="badge badge--synthetic">{t('property.synthetic')}</span>}
      </h1>
      {pickText(o.description, language) && <p className="property-object__description">{pickText(o.description, language)}</p>}
      <div className="property-object__body">
        <ObjectFacts facts={facts} label={t('property.object.facts')} />
        <ObjectShapeMap cityId={o.city} id={o.id} geometry={o.geometry} status={o.status} colours={INVESTMENT_STATUS_COLORS} />
      </div>
      <ObjectFiles photos={o.photos} />
      <section aria-labelledby="contact-heading" className="property-contact">
        <h2 id="contact-heading">{t('property.investment.contact')}</h2>
        {contact.organisation || contact.email || contact.phone ? (
          <address>
            {contact.organisation && <p>{contact.organisation}</p>}
            {contact.email && (
              <p>
                <a href={`mailto:${contact.email}`}>{contact.email}</a>
              </p>
            )}
            {contact.phone && (
              <p>
                <a href={`tel:${contact.phone.replace(/[^+\d]/g, '')}`}>{contact.phone}</a>
              </p>
            )}
          </address>
        ) : (
          <p>{t('property.investment.noContact')}</p>
        )}
      </section>
    </article>
  )
}
