import { HttpProblem, problems } from '../http/index.ts'
import type { ProposalRow } from './proposal.queries.ts'

/** The statuses in which a proposal is public: submitted, or reviewed either way. */
export const PUBLIC_STATUSES: ReadonlySet<string> = new Set(['submitted', 'feasible', 'not_feasible'])

/** Whether the user wrote the proposal: its author, or a co-author who accepted the invitation. */
export function writes(row: Pick<ProposalRow, 'author_id' | 'coauthor_ids'>, userId: number | null | undefined): boolean {
  return userId != null && (row.author_id === userId || row.coauthor_ids.includes(userId))
}

/** Whether the reader may see the proposal: a public one, or their own draft or withdrawn one. */
export function visibleTo(row: Pick<ProposalRow, 'status' | 'author_id' | 'coauthor_ids'>, userId: number | null | undefined): boolean {
  return PUBLIC_STATUSES.has(row.status) || writes(row, userId)
}

/**
 * The proposal for a change only its authors make: 404 when the user may not even see it, 403
 * when they see it but did not write it.
 */
export function writtenBy(row: ProposalRow | undefined, userId: number, ref: string, doing: string): ProposalRow {
  if (!row || !visibleTo(row, userId)) throw problems.notFound('proposal', ref)
  if (!writes(row, userId)) throw new HttpProblem('forbidden', 403, `Only its authors ${doing}`)
  return row
}
