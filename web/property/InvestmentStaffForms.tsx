import type { Polygon } from 'geojson'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { sendJson } from '../api-client/index.ts'
import { ActionForm, FieldSelect, useApiWrite } from '../office/shared/index.ts'
import { FieldText } from '../ui/index.ts'
import { objectHref, INVESTMENT_VIEW } from './list-view.ts'
import { DEALS, INVESTMENT_KINDS, INVESTMENT_STATUSES, InvestmentObjectSchema, type InvestmentObject, type InvestmentPatchBody } from './property-api.ts'

/** Whole hryvnias or years typed with or without spaces; NaN for other text (the API names the field); undefined when blank. */
function whole(text: string): number | undefined {
  const cleaned = text.replace(/[\s\u00a0]/g, '')
  if (cleaned === '') return undefined
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

/** The property manager's change of an offer: its terms, status and publication → `PATCH /api/investment/objects/{id}`. */
export function InvestmentEditForm({ offer, onSaved }: { offer: InvestmentObject; onSaved(o: InvestmentObject): void }) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [deal, setDeal] = useState<string>(offer.deal)
  const [price, setPrice] = useState(offer.start_price === null ? '' : String(offer.start_price))
  const [term, setTerm] = useState(offer.term_years === null ? '' : String(offer.term_years))
  const [status, setStatus] = useState<string>(offer.status)
  const [lot, setLot] = useState(offer.auction?.lot_id ?? '')
  const [published, setPublished] = useState(offer.published)
  const [saved, setSaved] = useState(false)
  const save = async () => {
    setSaved(false)
    const body: InvestmentPatchBody = {
      deal: deal as InvestmentPatchBody['deal'],
      status: status as InvestmentPatchBody['status'],
      published,
      ...(whole(price) !== undefined && { start_price: whole(price) }),
      ...(whole(term) !== undefined && { term_years: whole(term) }),
      ...(lot.trim() && { auction_lot_id: lot.trim() }),
    }
    const answer = await write.run(() => sendJson(`/api/investment/objects/${offer.id}`, InvestmentObjectSchema, { method: 'PATCH', body }))
    if (answer) {
      setSaved(true)
      onSaved(answer)
    }
  }
  return (
    <section aria-labelledby="offer-edit-heading" className="planning-card property-staff">
      <h2 id="offer-edit-heading">{t('property.staff.editOffer')}</h2>
      <ActionForm write={write} submitLabel={t('property.staff.save')} onSubmit={() => void save()}>
        <FieldSelect label={t('property.investment.deal')} value={deal} options={DEALS.map((d) => ({ value: d, label: t(`property.deals.${d}`) }))} onChange={setDeal} error={write.fieldError('deal')} />
        <FieldText label={t(`property.investment.startPrice.${deal === 'sale' ? 'sale' : 'lease'}`)} inputMode="numeric" value={price} onChange={setPrice} error={write.fieldError('start_price')} />
        <FieldText label={t('property.staff.termYears')} inputMode="numeric" value={term} onChange={setTerm} error={write.fieldError('term_years')} />
        <FieldSelect label={t('property.filters.status')} value={status} options={INVESTMENT_STATUSES.map((s) => ({ value: s, label: t(`property.investmentStatuses.${s}`) }))} onChange={setStatus} error={write.fieldError('status')} />
        {status === 'at_auction' && <FieldText label={t('property.staff.auctionLot')} hint={t('property.staff.auctionLotHint')} value={lot} onChange={setLot} error={write.fieldError('auction_lot_id')} />}
        <label className="property-staff__check">
          <input type="checkbox" checked={published} onChange={(e) => setPublished(e.currentTarget.checked)} /> {t('property.staff.published')}
        </label>
      </ActionForm>
      <p role="status">{saved ? t('property.staff.saved') : ''}</p>
    </section>
  )
}

/** Props of {@link OfferObjectForm}. */
export interface OfferObjectFormProps {
  cityId: string
  /** The area drawn on the investment map: the offer's place when it has no register line. */
  drawn: Polygon | undefined
  onOffered(o: InvestmentObject): void
}

/**
 * "Offer an object": a register line by its id (its place, area and purpose come from it) or the
 * area drawn on the map, with the offer's kind, titles in both languages and terms → `POST
 * /api/investment/objects`.
 */
export function OfferObjectForm({ cityId, drawn, onOffered }: OfferObjectFormProps) {
  const { t } = useTranslation()
  const write = useApiWrite()
  const [propertyId, setPropertyId] = useState('')
  const [kind, setKind] = useState<string>('land')
  const [titleUk, setTitleUk] = useState('')
  const [titleEn, setTitleEn] = useState('')
  const [deal, setDeal] = useState<string>('lease')
  const [price, setPrice] = useState('')
  const [area, setArea] = useState('')
  const [offered, setOffered] = useState<InvestmentObject>()
  const offer = async () => {
    const line = whole(propertyId)
    const areaM2 = area.trim() ? Number(area.replace(/\s/g, '').replace(',', '.')) : undefined
    const body = {
      city: cityId,
      kind,
      deal,
      title: { uk: titleUk, en: titleEn },
      ...(line !== undefined ? { property_id: line } : drawn ? { geometry: drawn } : {}),
      ...(whole(price) !== undefined && { start_price: whole(price) }),
      ...(areaM2 !== undefined && { area_m2: areaM2 }),
    }
    const answer = await write.run(() => sendJson('/api/investment/objects', InvestmentObjectSchema, { body }))
    if (answer) {
      setOffered(answer)
      onOffered(answer)
    }
  }
  return (
    <section aria-labelledby="offer-add-heading" className="planning-card property-staff">
      <h2 id="offer-add-heading">{t('property.staff.offer')}</h2>
      {offered && (
        <p role="status">
          {t('property.staff.offered')} <a href={objectHref(INVESTMENT_VIEW, offered.id, undefined)}>{offered.title.uk}</a>
        </p>
      )}
      <ActionForm write={write} submitLabel={t('property.staff.offerSubmit')} onSubmit={() => void offer()}>
        <FieldText label={t('property.staff.propertyId')} hint={drawn ? t('property.staff.orDrawnSet') : t('property.staff.orDrawn')} inputMode="numeric" value={propertyId} onChange={setPropertyId} error={write.fieldError('property_id') ?? write.fieldError('geometry')} />
        <FieldSelect label={t('property.filters.kind')} value={kind} options={INVESTMENT_KINDS.map((k) => ({ value: k, label: t(`property.investmentKinds.${k}`) }))} onChange={setKind} error={write.fieldError('kind')} />
        <FieldText label={t('property.staff.titleUk')} value={titleUk} onChange={setTitleUk} error={write.fieldError('title.uk')} />
        <FieldText label={t('property.staff.titleEn')} value={titleEn} onChange={setTitleEn} error={write.fieldError('title.en')} />
        <FieldSelect label={t('property.investment.deal')} value={deal} options={DEALS.map((d) => ({ value: d, label: t(`property.deals.${d}`) }))} onChange={setDeal} error={write.fieldError('deal')} />
        <FieldText label={t(`property.investment.startPrice.${deal === 'sale' ? 'sale' : 'lease'}`)} inputMode="numeric" value={price} onChange={setPrice} error={write.fieldError('start_price')} />
        <FieldText label={t('property.staff.area')} inputMode="decimal" value={area} onChange={setArea} error={write.fieldError('area_m2')} />
      </ActionForm>
    </section>
  )
}
