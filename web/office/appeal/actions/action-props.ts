import type { OfficeAppeal } from '../../../api-client/office-schemas.ts'
import type { Language } from '../../../url-state.ts'
import type { AppealMovedOut, AppealUpdated } from '../AppealWorkspace.tsx'

/** What every appeal action gets: the appeal as it is now, and where to report the result. */
export interface ActionProps {
  appeal: OfficeAppeal
  language: Language
  onUpdated: AppealUpdated
  /** The appeal went to another organisation and left this user's view. */
  onMovedOut: AppealMovedOut
}
