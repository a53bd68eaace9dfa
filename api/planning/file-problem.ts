import { ImportFileError, PublishRefused } from '../../layers/index.ts'
import { HttpProblem } from '../http/index.ts'

/**
 * A refusal of the layer modules as the problem the API answers with: a file that cannot be used
 * is a 422 naming why; a publication refused keeps its own status. Anything else is passed on.
 */
export function asFileProblem(err: unknown): unknown {
  if (err instanceof ImportFileError) return new HttpProblem('unreadable-file', 422, err.message)
  if (err instanceof PublishRefused) {
    const type = err.status === 404 ? 'not-found' : err.status === 409 ? 'conflict' : 'invalid-input'
    return new HttpProblem(type, err.status, err.message)
  }
  return err
}
