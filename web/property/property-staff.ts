import type { PropertyObject, PropertyPatchBody, PropertyStatus } from '../../api/contract/index.ts'

/** The register line's fields as the edit form holds them: text as typed. */
export interface PropertyDraft {
  status: PropertyStatus
  name: string
  address: string
  areaM2: string
  purposeCode: string
  condition: string
  balanceHolder: string
  balanceHolderName: string
  sensitive: boolean
  leasedFrom: string
  leasedUntil: string
  lesseeKind: '' | 'organisation' | 'person'
  lesseeName: string
  auctionLotId: string
  auctionStart: string
  auctionEnd: string
}

/** The fields a status asks for besides itself: a lease's dates and lessee, or an auction's lot. */
export function statusFields(status: PropertyStatus): ReadonlyArray<'lease' | 'auction'> {
  if (status === 'leased') return ['lease']
  if (status === 'at_auction') return ['auction']
  return []
}

/** A register line as the edit form starts: its current values. */
export function propertyDraft(o: PropertyObject): PropertyDraft {
  return {
    status: o.status,
    name: o.name ?? '',
    address: o.address ?? '',
    areaM2: o.area_m2 === null ? '' : String(o.area_m2),
    purposeCode: o.purpose_code ?? '',
    condition: o.condition ?? '',
    balanceHolder: o.balance_holder?.id ?? '',
    balanceHolderName: o.balance_holder?.name ?? '',
    sensitive: o.sensitive,
    leasedFrom: o.lease?.from ?? '',
    leasedUntil: o.lease?.until ?? '',
    lesseeKind: o.lease ? (o.lease.lessee === null ? 'person' : 'organisation') : '',
    lesseeName: o.lease?.lessee ?? '',
    auctionLotId: o.auction?.lot_id ?? '',
    auctionStart: o.auction?.start ?? '',
    auctionEnd: o.auction?.end ?? '',
  }
}

/** A decimal typed with a comma or a point, spaces between thousands; NaN for other text (the API names the field). */
function decimal(text: string): number {
  const cleaned = text.replace(/[\s\u00a0]/g, '').replace(',', '.')
  return /^\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : Number.NaN
}

/**
 * The change of a register line: the fields that differ from `o`, blanks left out (a blank
 * does not erase), the lease fields only for a leased line and the auction's only for one at
 * auction; a lessee who is a private person goes without a name.
 */
export function propertyPatch(o: PropertyObject, draft: PropertyDraft): PropertyPatchBody {
  const before = propertyDraft(o)
  const patch: PropertyPatchBody = {}
  const changed = (key: keyof PropertyDraft) => draft[key] !== before[key] && draft[key] !== ''
  if (draft.status !== before.status) patch.status = draft.status
  if (draft.sensitive !== before.sensitive) patch.sensitive = draft.sensitive
  if (changed('name')) patch.name = draft.name.trim()
  if (changed('address')) patch.address = draft.address.trim()
  if (changed('areaM2')) patch.area_m2 = decimal(draft.areaM2)
  if (changed('purposeCode')) patch.purpose_code = draft.purposeCode.trim()
  if (changed('condition')) patch.condition = draft.condition as NonNullable<PropertyPatchBody['condition']>
  if (changed('balanceHolder')) patch.balance_holder = draft.balanceHolder.trim()
  if (changed('balanceHolderName')) patch.balance_holder_name = draft.balanceHolderName.trim()
  const needs = statusFields(draft.status)
  if (needs.includes('lease')) {
    if (changed('leasedFrom')) patch.leased_from = draft.leasedFrom
    if (changed('leasedUntil')) patch.leased_until = draft.leasedUntil
    if (draft.lesseeKind !== '' && (changed('lesseeKind') || changed('lesseeName'))) {
      patch.lessee_kind = draft.lesseeKind
      if (draft.lesseeKind === 'organisation' && draft.lesseeName.trim()) patch.lessee_name = draft.lesseeName.trim()
    }
  }
  if (needs.includes('auction')) {
    if (changed('auctionLotId')) patch.auction_lot_id = draft.auctionLotId.trim()
    if (changed('auctionStart')) patch.auction_start = draft.auctionStart
    if (changed('auctionEnd')) patch.auction_end = draft.auctionEnd
  }
  return patch
}
