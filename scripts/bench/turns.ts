import { medianOf, type Pairing, type Row, type Turns } from './report.ts'

/** One measured turn: its row and the share of CPU time the host took meanwhile (0–1, NaN when unknown). */
export interface Turn {
  row: Row
  stolen: number
}

/** How many rounds to run: until `rounds` are calm, at most `most`; what makes a round calm is the run's (see {@link Turns}). */
export interface TurnPlan extends Pick<Turns, 'calmSteal' | 'calmPace' | 'minCalm'> {
  rounds: number
  most: number
}

/** The rows of a target and its reference measured in turns, and the pairing of their rounds. */
export interface TurnsTaken {
  rows: [Row, Row]
  pairing: Pairing
}

/**
 * A target and its reference take turns, round after round. On a shared machine one run of
 * either varies by 10–20 %, and by far more while the host gives the CPUs to other guests or
 * its neighbours crowd the caches; turns see the machine in the same state, and rounds it was
 * disturbed in are left out: those in which the host took CPU time (steal), and those in which
 * the reference, the same work every round, ran well below its best pace (a neighbour that
 * steal does not show). Only the reference is read, so rounds are never picked by how the
 * target did: a round in which only the reference was slowed, which flatters the target, goes
 * too. Each row is the median of its kept turns (errors are summed over all), and the pairing
 * keeps each kept round's ratio, so the drift from one round to the next cancels out.
 */
export async function takeTurns(plan: TurnPlan, target: () => Promise<Turn>, reference: () => Promise<Turn>): Promise<TurnsTaken> {
  const rounds: Array<[Turn, Turn]> = []
  const calm = () => {
    const best = Math.max(...rounds.map((round) => round[1].row.rps))
    // A turn whose steal is unknown (not Linux) counts as calm by steal: there is nothing to tell them apart by.
    return rounds.filter((round) => round.every((turn) => !(turn.stolen >= plan.calmSteal)) && round[1].row.rps >= plan.calmPace * best)
  }
  while (rounds.length < plan.most && calm().length < plan.rounds) rounds.push([await target(), await reference()])
  const kept = calm().length >= plan.minCalm ? calm() : rounds
  const rowOf = (side: 0 | 1): Row => {
    const middle = medianOf(kept, (round) => round[side].row.rps)![side].row
    return { ...middle, errors: rounds.reduce((sum, round) => sum + round[side].row.errors, 0) }
  }
  const rows: [Row, Row] = [rowOf(0), rowOf(1)]
  return {
    rows,
    pairing: {
      set: rows[0].set,
      target: rows[0].target,
      reference: rows[1].target,
      ratios: kept.map(([a, b]) => a.row.rps / b.row.rps),
      rounds: rounds.length,
      calm: calm().length,
    },
  }
}
