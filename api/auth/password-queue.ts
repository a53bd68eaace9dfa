import { availableParallelism } from 'node:os'
import { HttpProblem } from '../http/index.ts'

/** Derivations that may wait for their turn; one more is refused with 503. */
export const PASSWORD_QUEUE_CAPACITY = 64

// A first guess of one derivation's time until some have been measured (N=2^17 takes 0.1–0.2 s).
const FIRST_GUESS_MS = 150

/**
 * How many password derivations run at once: one on a machine of one or two cores, two on a
 * larger one, and always at least two threads of libuv's pool (4 by default,
 * `UV_THREADPOOL_SIZE`) left free. Each scrypt derivation holds a pool thread and a core for a
 * tenth of a second or more, and 128 MiB; the pool also reads static files and photos and
 * compresses large tiles, so an unbounded burst of sign-ins made every file wait behind it.
 */
export function hashingConcurrency(cores = availableParallelism(), poolSize = Number(process.env.UV_THREADPOOL_SIZE) || 4): number {
  return Math.max(1, Math.min(cores > 2 ? 2 : 1, poolSize - 2))
}

/**
 * A bounded first-in first-out queue of slow, thread-pool work (password derivations): at most
 * `concurrency` run at once, at most `capacity` wait, and one more is refused at once with a 503
 * `unavailable` problem whose `Retry-After` is the time the queue takes to drain.
 */
export class PasswordQueue {
  #running = 0
  readonly #waiting: Array<() => void> = []
  #averageMs = FIRST_GUESS_MS

  constructor(
    readonly concurrency: number,
    readonly capacity: number,
  ) {
    if (!(concurrency >= 1 && capacity >= 0)) throw new Error(`a password queue needs concurrency >= 1 and capacity >= 0; got ${concurrency}, ${capacity}`)
  }

  /** Derivations waiting for their turn. */
  get waiting(): number {
    return this.#waiting.length
  }

  /** Derivations running now. */
  get running(): number {
    return this.#running
  }

  /** Runs `derivation` when its turn comes; throws the 503 problem when the queue is full. */
  async run<T>(derivation: () => Promise<T>): Promise<T> {
    if (this.#running < this.concurrency) this.#running++
    else if (this.#waiting.length >= this.capacity) throw this.#full()
    // The slot of a finished derivation passes straight to the next in line (see below).
    else await new Promise<void>((resolve) => this.#waiting.push(resolve))
    const started = performance.now()
    try {
      return await derivation()
    } finally {
      this.#averageMs = 0.8 * this.#averageMs + 0.2 * (performance.now() - started)
      const next = this.#waiting.shift()
      if (next) next()
      else this.#running--
    }
  }

  #full(): HttpProblem {
    const seconds = Math.max(1, Math.ceil(((this.#waiting.length + this.#running) * this.#averageMs) / this.concurrency / 1000))
    const problem = new HttpProblem('unavailable', 503, `Too many sign-ins at once; try again in ${seconds} s`)
    problem.retryAfter = seconds
    return problem
  }
}

/**
 * The one queue of this process that every password hash and check goes through (the thread
 * pool it protects is per process too).
 */
export const passwordHashing = new PasswordQueue(hashingConcurrency(), PASSWORD_QUEUE_CAPACITY)
