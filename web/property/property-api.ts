import type { z } from 'zod'
import { importPropertyRoute, InvestmentObject, InvestmentPage, PropertyFeatureCollection, PropertyObject, PropertyObjectDetail, PropertyPage, saveInvestmentSearchRoute } from '../../api/contract/index.ts'

/*
 * The property register and the investment offers as the section's pages read them: the contract's schemas.
 */

export type { InvestmentBody, InvestmentKind, InvestmentPatchBody, PropertyBody, PropertyPatchBody, InvestmentObject, InvestmentStatus, PropertyKind, PropertyObject, PropertyObjectDetail, PropertyStatus, Utility } from '../../api/contract/index.ts'
export { CONDITIONS, DEALS, INVESTMENT_KINDS, INVESTMENT_STATUSES, PROPERTY_KINDS, PROPERTY_STATUS_COLORS, PROPERTY_STATUSES, UTILITIES } from '../../api/contract/index.ts'

/** `GET /api/property` (JSON): a page of the register. */
export const PropertyPageSchema = PropertyPage
/** `GET /api/property/{id}`: one object with the appeals about it. */
export const PropertyObjectSchema = PropertyObjectDetail
/** What a write of a register line answers. */
export const PropertyLineSchema = PropertyObject
/** `GET /api/investment/objects` (JSON): a page of offers. */
export const InvestmentPageSchema = InvestmentPage
/** `GET /api/investment/objects/{id}`. */
export const InvestmentObjectSchema = InvestmentObject
/** `format=geojson` of either list: what the map draws. */
export const ObjectFeaturesSchema = PropertyFeatureCollection

/**
 * The colour of each status of an investment offer on the map and in the legend: the register's
 * colours for the statuses they share, so the two maps read alike.
 */
export const INVESTMENT_STATUS_COLORS = { available: '#1b9e77', at_auction: '#d95f02', leased: '#7570b3', sold: '#4d4d4d' } as const

/** `POST /api/property/import`: the import report. */
export const ImportReportSchema = importPropertyRoute.responses[200].schema
export type ImportReport = z.infer<typeof ImportReportSchema>

/** `POST /api/investment/searches` and `POST /api/works/subscriptions` → 202: the confirmation mail is on its way. */
export const ConfirmationSentSchema = saveInvestmentSearchRoute.responses[202].schema
