import { createHash, randomUUID } from 'node:crypto'
import type { Ballot } from './results.ts'

/** A ballot as it is kept: who cast it, its receipt code, how it came, and what it chose. */
export interface StoredBallot extends Ballot {
  voter: string
  receipt: string
  /** `online`, or `paper` for ballots staff entered from a batch. */
  source: 'online' | 'paper'
}

/** The header of the published ballots: one row per ballot and chosen proposal. */
export const BALLOTS_CSV_HEADER = 'ballot,receipt_sha256,source,proposal'

/**
 * The anonymised ballots as CSV, for anyone to recompute the results: each voter is replaced by a
 * random id drawn for this file (so two publications cannot be joined on it), and each receipt
 * code by its SHA-256, which its holder can find to check that their ballot is counted as cast.
 * Rows are sorted, so the file says nothing of the order ballots came in. Returns the file and its
 * SHA-256, published beside it.
 */
export function ballotsCsv(ballots: readonly StoredBallot[], newId: () => string = randomUUID): { csv: string; sha256: string } {
  const rows: string[] = []
  for (const ballot of ballots) {
    const id = newId()
    const receipt = sha256(ballot.receipt)
    for (const proposal of [...new Set(ballot.proposals)].sort()) {
      // Proposal ids are the service's own: letters, digits and dashes, so no field needs quoting.
      if (!PROPOSAL_ID.test(proposal)) throw new Error(`${JSON.stringify(proposal)} is not a proposal id`)
      rows.push([id, receipt, ballot.source, proposal].join(','))
    }
  }
  rows.sort()
  const csv = `${[BALLOTS_CSV_HEADER, ...rows].join('\n')}\n`
  return { csv, sha256: sha256(csv) }
}

/** The ballots of a published CSV, as the results engine takes them. Throws on a file that is not one. */
export function parseBallotsCsv(csv: string): Ballot[] {
  const lines = csv.split('\n').filter((l) => l !== '')
  if (lines[0] !== BALLOTS_CSV_HEADER) throw new Error(`not a ballots file: the first line must be "${BALLOTS_CSV_HEADER}"`)
  const byBallot = new Map<string, string[]>()
  for (const [n, line] of lines.slice(1).entries()) {
    const match = /^([^,]+),([0-9a-f]{64}),(online|paper),([A-Za-z0-9_-]{1,64})$/.exec(line)
    if (!match) throw new Error(`line ${n + 2} is not a ballot row`)
    byBallot.set(match[1]!, [...(byBallot.get(match[1]!) ?? []), match[4]!])
  }
  return [...byBallot.values()].map((proposals) => ({ proposals }))
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const PROPOSAL_ID = /^[A-Za-z0-9_-]{1,64}$/
