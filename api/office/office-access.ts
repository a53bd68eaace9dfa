import { allowedFrom, type AppealStatus, OPEN_STATUSES } from '../appeals/index.ts'
import type { SessionUser } from '../http/index.ts'
import type { OfficeAction } from '../contract/index.ts'
import { HttpProblem } from '../http/index.ts'
import { actsFor, can } from '../permissions/index.ts'

/** Whether the user works across organisations (sees every appeal) or for one. */
export function seesAllOrganisations(user: SessionUser): boolean {
  return user.roles.includes('admin') || user.roles.includes('moderator')
}

/**
 * The check, run with the appeal's row locked, that the user acts for the appeal's organisation;
 * it throws a 403 problem otherwise.
 */
export function refuseOtherOrganisation(user: SessionUser): (appeal: { organisation_id: string | null }) => void {
  return (appeal) => {
    if (!actsFor(user, appeal.organisation_id)) throw new HttpProblem('forbidden', 403, 'This appeal belongs to another organisation')
  }
}

/** What decides which actions an appeal offers. */
export interface ActionFacts {
  organisation_id: string | null
  status: AppealStatus
  executor_id: number | null
  extended: boolean
}

/** What the user may do to an appeal now, for the work page to offer only those. */
export function allowedActions(user: SessionUser, appeal: ActionFacts): OfficeAction[] {
  const open = OPEN_STATUSES.includes(appeal.status)
  const actions: OfficeAction[] = []
  if (can(user, 'appeals:triage')) {
    if (allowedFrom('register', appeal.status)) actions.push('register')
    if (open) actions.push('route', 'recategorise')
    if (allowedFrom('mark-duplicate', appeal.status)) actions.push('merge')
    if (allowedFrom('reject', appeal.status)) actions.push('reject')
    actions.push('redact')
  }
  const ownOrganisation = actsFor(user, appeal.organisation_id)
  if (can(user, 'appeals:work') && ownOrganisation) {
    const takeable = appeal.status === 'assigned' || ((appeal.status === 'in_progress' || appeal.status === 'extended') && appeal.executor_id !== user.id)
    if (takeable) actions.push('take')
    if (allowedFrom('resolve', appeal.status)) actions.push('status')
    if (allowedFrom('extend', appeal.status) && !appeal.extended) actions.push('extend')
    if (['in_progress', 'extended', 'resolved'].includes(appeal.status)) actions.push('work-photos')
  }
  if (ownOrganisation) actions.push('notes')
  if (can(user, 'appeals:manage') && ownOrganisation && open) actions.push('reassign')
  return actions
}
