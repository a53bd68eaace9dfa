import type { Context } from 'hono'
import { type AppEnv, HttpProblem, problems } from '../http/index.ts'
import type { BudgetPhaseName } from '../contract/index.ts'
import { type EditionRow, findEdition, phaseState } from './edition.queries.ts'

/** A 422 naming the one field that is wrong. */
export const unprocessable = (detail: string, field: string, message = detail) => new HttpProblem('invalid-input', 422, detail, [{ field, message }])

/** The edition of the path, or 404. */
export async function editionOr404(c: Context<AppEnv>, id: number): Promise<EditionRow> {
  const edition = await findEdition(c.var.db, id)
  if (!edition) throw problems.notFound('budget', String(id))
  return edition
}

const PHASE_WORDS: Record<BudgetPhaseName, string> = {
  submission: 'Proposals are taken',
  review: 'Proposals are reviewed',
  voting: 'Voting is open',
  results: 'Results are published',
  implementation: 'Winners are built',
}

/** A 409 unless the phase is on now, by the database's clock, saying when it is. */
export async function requirePhase(c: Context<AppEnv>, edition: EditionRow, name: BudgetPhaseName): Promise<void> {
  const state = await phaseState(c.var.db, edition.id, name)
  if (state === 'on') return
  const phase = edition.phases.find((p) => p.name === name)
  const when = phase ? ` from ${phase.starts_at} until ${phase.ends_at}` : ': this edition has no such phase'
  const detail = state === 'before' ? `${PHASE_WORDS[name]} only${when}; not yet` : state === 'after' ? `${PHASE_WORDS[name]} only${when}; it is over` : `${PHASE_WORDS[name]} never${when}`
  throw new HttpProblem('conflict', 409, detail)
}

/** The constraint a database error names, if it is a constraint violation. */
export function violatedConstraint(err: unknown): { code: string; constraint: string | undefined; message: string } | undefined {
  if (typeof err !== 'object' || err === null) return undefined
  const { code, constraint, message } = err as { code?: unknown; constraint?: unknown; message?: unknown }
  if (code !== '23514' && code !== '23505' && code !== '23503') return undefined
  return { code, constraint: typeof constraint === 'string' ? constraint : undefined, message: typeof message === 'string' ? message : '' }
}
