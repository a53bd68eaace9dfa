import type { RateLimit } from '../http/index.ts'
import type { PhotoStore } from './photo-store.ts'

/** What the appeal routes need beyond the database. */
export interface AppealDeps {
  store: PhotoStore
  /** Appeal submissions (and support, subscriptions) per client address. */
  rateLimit: RateLimit
  /** Take the client address from X-Forwarded-For (behind a trusted reverse proxy). */
  trustProxy: boolean
  /** Open311 API keys that may post requests. */
  open311Keys: ReadonlySet<string>
  /** Called after mail was queued, so the sender need not wait for its next poll. */
  mailQueued: () => void
}

declare module '../http/index.ts' {
  interface AppDeps {
    /** What the appeal routes (and Open311's, and the office's photos) need beyond the database. */
    appeals: AppealDeps
  }
}
