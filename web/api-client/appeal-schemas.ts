import { z } from 'zod'
import {
  AddressMatchList,
  APPEAL_STATUSES,
  AppealCategory as AppealCategoryContract,
  AppealCategoryList,
  AppealFeatureCollection,
  AppealNumber,
  AppealPhoto as AppealPhotoContract,
  AppealReceipt as AppealReceiptContract,
  AppealWithTimeline,
  CategoryQuestion as CategoryQuestionContract,
  DistrictList,
  FeedbackResult,
  NearbyAppeals,
  OPEN_STATUSES as OPEN_STATUS_LIST,
  SubscriptionReceipt,
  SupportResult as SupportResultContract,
  TimelineEntry as TimelineEntryContract,
  TrackedAppeal as TrackedAppealContract,
} from '../../api/contract/index.ts'

/**
 * The appeals API (`/api/appeals…`, `/api/appeal-categories`, `/api/appeal-subscriptions`)
 * as the web app parses it: the contract's own schemas, under the names the app's files use.
 * Validated at this edge like every other API payload; past it the inferred types are trusted.
 */

/** The workflow statuses of an appeal, in the order an appeal moves through them. */
export { APPEAL_STATUSES }
export const AppealStatusSchema = z.enum(APPEAL_STATUSES)
export type AppealStatus = z.infer<typeof AppealStatusSchema>

/** Statuses where the city still owes an answer: residents can still say "me too". */
export const OPEN_STATUSES: ReadonlySet<AppealStatus> = new Set(OPEN_STATUS_LIST)

/** `KYIV-2026-000123`: a city code, the year and a counter. */
export const AppealNumberSchema = AppealNumber
export type AppealNumber = z.infer<typeof AppealNumberSchema>

/** One extra question a category asks; its `type` decides the input. */
export const CategoryQuestionSchema = CategoryQuestionContract
export type CategoryQuestion = z.infer<typeof CategoryQuestionSchema>

/** One category of `GET /api/appeal-categories`. */
export const AppealCategorySchema = AppealCategoryContract
export type AppealCategory = z.infer<typeof AppealCategorySchema>
export const AppealCategoryListSchema = AppealCategoryList

/** A photo of an appeal: taken when reporting, or of the work done. */
export const AppealPhotoSchema = AppealPhotoContract
export type AppealPhoto = z.infer<typeof AppealPhotoSchema>

/** One entry of an appeal's public timeline. */
export const TimelineEntrySchema = TimelineEntryContract
export type TimelineEntry = z.infer<typeof TimelineEntrySchema>

/** `GET /api/appeals/{number}`: an appeal as anyone may see it, with its timeline. */
export const PublicAppealSchema = AppealWithTimeline
export type PublicAppeal = z.infer<typeof PublicAppealSchema>

/** `GET /api/appeals/track/{token}`: the author's own view, with the privacy choices they made. */
export const TrackedAppealSchema = TrackedAppealContract
export type TrackedAppeal = z.infer<typeof TrackedAppealSchema>

/** `GET /api/appeals/nearby`: open appeals of one category around a point, nearest first. */
export const NearbyAppealsSchema = NearbyAppeals
export type NearbyAppeal = z.infer<typeof NearbyAppealsSchema>['appeals'][number]

/** `POST /api/appeals` → 201: what the resident keeps. */
export const AppealReceiptSchema = AppealReceiptContract
export type AppealReceipt = z.infer<typeof AppealReceiptSchema>

/** `POST /api/appeals/{number}/support`. */
export const SupportResultSchema = SupportResultContract
export type SupportResult = z.infer<typeof SupportResultSchema>

/** `POST /api/appeals/track/{token}/confirm|reopen`. */
export const FeedbackResultSchema = FeedbackResult

/** `GET /api/appeals?format=geojson`: appeals as points, with the total for paging. */
export const AppealPointsSchema = AppealFeatureCollection

/** `GET /api/addresses?city=&q=`: addresses of the city's public layers matching the query. */
export const AddressMatchListSchema = AddressMatchList
export type AddressMatch = z.infer<typeof AddressMatchListSchema>[number]

/** `GET /api/cities/{id}/districts`: the ids that alerts and appeal filters take. */
export const DistrictListSchema = DistrictList
export type District = z.infer<typeof DistrictListSchema>[number]

/** `POST /api/appeal-subscriptions` → 202: the confirmation mail is on its way (double opt-in). */
export const SubscriptionReceiptSchema = SubscriptionReceipt
