import type { Transaction } from 'kysely'
import type { DB } from '../../db/index.ts'
import { storedBallots } from './ballot.queries.ts'
import { ballotsCsv } from './ballots-csv.ts'
import { unprocessable } from './budget-http.ts'
import type { EditionRow } from './edition.queries.ts'
import { refreshProposalFeatures } from './proposal.queries.ts'
import { computeResults, type RankedResult, tallyBallots } from './results.ts'
import { countInputs, type ResultWrite, writeResults } from './results.queries.ts'

/** A decision of the commission that changes the count's outcome for one proposal, with its reason. */
export interface Override {
  proposal: string
  won: boolean
  reason: string
}

/** Money each pot has left after its winners. */
export function unspentOf(edition: Pick<EditionRow, 'pots'>, lines: ReadonlyArray<{ pot: string; cost: number; won: boolean }>): Record<string, number> {
  const unspent: Record<string, number> = Object.fromEntries(edition.pots.map((p) => [p.key, p.money]))
  for (const l of lines) if (l.won) unspent[l.pot] = (unspent[l.pot] ?? 0) - l.cost
  return unspent
}

/**
 * Counts an edition's ballots with the pure engine, applies the commission's overrides (never
 * past a pot's money), and publishes the lines with the anonymised ballots, in the caller's
 * transaction, which holds the edition's lock. Returns the lines and the published file's SHA-256.
 */
export async function countAndPublish(trx: Transaction<DB>, edition: EditionRow, overrides: readonly Override[]): Promise<{ lines: ResultWrite[]; sha256: string }> {
  const [{ pots, proposals }, ballots] = await Promise.all([countInputs(trx, edition.id), storedBallots(trx, edition.id)])
  const counted = computeResults(pots, proposals, ballots, { minVotes: edition.min_votes })
  const online = tallyBallots(ballots.filter((b) => b.source === 'online'))
  const paper = tallyBallots(ballots.filter((b) => b.source === 'paper'))
  const unknown = overrides.findIndex((o) => !counted.ranking.some((r) => r.id === o.proposal))
  if (unknown >= 0) throw unprocessable(`The proposal ${overrides[unknown]!.proposal} is not in this count`, `body.overrides[${unknown}].proposal`)
  const byId = new Map(overrides.map((o) => [o.proposal, o]))
  const lines: ResultWrite[] = counted.ranking.map((r) => {
    const override = byId.get(r.id)
    const won = override ? override.won : r.outcome === 'won'
    return { ...r, online: online.get(r.id) ?? 0, paper: paper.get(r.id) ?? 0, won, overrideReason: override && won !== (r.outcome === 'won') ? override.reason : null }
  })
  const over = Object.entries(unspentOf(edition, lines)).find(([, left]) => left < 0)
  if (over) throw unprocessable(`With the overrides the winners of ${over[0]} cost ${-over[1]} hryvnias more than its money`, 'body.overrides')
  const published = ballotsCsv(ballots)
  await writeResults(trx, edition.id, lines, published)
  await refreshProposalFeatures(trx, edition.id)
  return { lines, sha256: published.sha256 }
}

/**
 * Publishes the totals a past edition published itself (no ballots to recompute from): the
 * proposals named win, in the order of their votes; the others do not.
 */
export async function publishPastTotals(trx: Transaction<DB>, editionId: number, totals: ReadonlyArray<{ id: string; pot: string; cost: number; votes: number; won: boolean }>): Promise<void> {
  const ranked = [...totals].sort((a, b) => b.votes - a.votes || Number(a.id) - Number(b.id))
  const lines: ResultWrite[] = ranked.map((t, i): ResultWrite => {
    const line: RankedResult = { id: t.id, pot: t.pot, votes: t.votes, cost: t.cost, rank: i + 1, outcome: t.won ? 'won' : 'does-not-fit', remaining: 0 }
    // Its totals were published without saying how they came: neither online nor paper.
    return { ...line, online: 0, paper: 0, won: t.won, overrideReason: null }
  })
  await writeResults(trx, editionId, lines, null)
  await refreshProposalFeatures(trx, editionId)
}
