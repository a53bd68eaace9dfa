import { useCallback, useState } from 'react'
import { ApiProblemError, type Problem } from '../../api-client/index.ts'

/** The state of a form's writes: whether one is under way and the problem that stopped the last. */
export interface ApiWrite {
  pending: boolean
  problem: Problem | undefined
  /**
   * Runs `write`; resolves to its result, or to `undefined` when the API refused it (the
   * problem is then in `problem`). Errors that are not API problems are rethrown.
   */
  run<T>(write: () => Promise<T>): Promise<T | undefined>
  /** The API's message for a field, named by its path in the body (`reason`, `name.uk`), or for anything under it (`roles` → `roles.1.organisation`). */
  fieldError(name: string): string | undefined
  /** Shows a problem found before sending (e.g. invalid JSON), as if the API had sent it. */
  refuse(problem: Problem): void
}

/** A field path as the API names it (`body.name.uk`) and as forms name it (`name.uk`). */
export function fieldPath(field: string): string {
  return field.replace(/^(body|json|form)\./, '')
}

/** One form's writes to the API, with the refusal kept for the form to show next to its fields. */
export function useApiWrite(): ApiWrite {
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<Problem>()
  const run = useCallback(async <T,>(write: () => Promise<T>) => {
    setPending(true)
    setProblem(undefined)
    try {
      return await write()
    } catch (error) {
      if (!(error instanceof ApiProblemError)) throw error
      setProblem(error.problem)
      return undefined
    } finally {
      setPending(false)
    }
  }, [])
  const fieldError = (name: string) =>
    problem?.errors?.find((error) => {
      const path = fieldPath(error.field)
      return path === name || path.startsWith(`${name}.`)
    })?.message
  return { pending, problem, run, fieldError, refuse: setProblem }
}
