import type { OfficeAppeal } from '../../../api-client/index.ts'
import type { Language } from '../../../url-state/index.ts'

/** What an action reports when it is done: the appeal as the API now has it, and what to announce. */
export type AppealUpdated = (appeal: OfficeAppeal, message: string) => void

/** What an action reports when the appeal went to another organisation: what to announce. */
export type AppealMovedOut = (message: string) => void

/** What every appeal action gets: the appeal as it is now, and where to report the result. */
export interface ActionProps {
  appeal: OfficeAppeal
  language: Language
  onUpdated: AppealUpdated
  /** The appeal went to another organisation and left this user's view. */
  onMovedOut: AppealMovedOut
}
