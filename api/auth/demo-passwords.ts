import type { Role } from './session.ts'

/**
 * The password of each demo account, published in the README. The demo installation signs in
 * with them; anywhere else they are refused, at sign-in and as a new password.
 */
export const DEMO_PASSWORD_OF = {
  admin: 'demo-admin',
  moderator: 'demo-moderator',
  executor: 'demo-executor',
  manager: 'demo-manager',
  planner: 'demo-planner',
  budget_admin: 'demo-budget',
  resident: 'demo-resident',
} as const satisfies Record<Role, string>

/** Passwords published with the demo: refused outside demo mode. */
export const DEMO_PASSWORDS: ReadonlySet<string> = new Set(Object.values(DEMO_PASSWORD_OF))
