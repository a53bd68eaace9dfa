import type { LayerStatus } from '../contract/index.ts'
import { HttpProblem, type SessionUser } from '../http/index.ts'

/*
 * Any department publishes: a `publisher` holds `layers:manage` for the layers of their own
 * organisation only, and a layer of theirs goes public only when a second person approves it.
 * Planners and administrators manage every layer and publish directly.
 */

/** Whether the user manages every layer (a planner or an administrator) rather than one organisation's. */
export function managesEveryLayer(user: Pick<SessionUser, 'roles'>): boolean {
  return user.roles.includes('admin') || user.roles.includes('planner')
}

/**
 * The organisation whose layers the user manages, or undefined for one who manages every layer.
 * A publisher without an organisation manages none: 403.
 */
export function publisherOrganisation(user: Pick<SessionUser, 'roles' | 'organisation'>): string | undefined {
  if (managesEveryLayer(user)) return undefined
  if (!user.organisation) throw new HttpProblem('forbidden', 403, 'A publisher acts for an organisation, and this account has none: ask an administrator to set it')
  return user.organisation
}

/** Refuses a change of a layer of another organisation than the publisher's. */
export function refuseOtherOrganisationsLayer(user: Pick<SessionUser, 'roles' | 'organisation'>, layer: { id: string; organisation_id: string | null }): void {
  const own = publisherOrganisation(user)
  if (own !== undefined && layer.organisation_id !== own) {
    throw new HttpProblem('forbidden', 403, `The layer ${layer.id} is not your organisation's: a publisher changes the layers of ${own} only`)
  }
}

/** Whether a status change by this user waits for a second person: a publisher's move to a public status. */
export function needsReview(user: Pick<SessionUser, 'roles'>, status: LayerStatus | undefined): status is 'consultation' | 'approved' {
  return !managesEveryLayer(user) && (status === 'consultation' || status === 'approved')
}
