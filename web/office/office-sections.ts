import type { Role } from '../api-client/session-schemas.ts'
import { OFFICE_SECTIONS, type OfficeSection } from '../routes.ts'

// Mirrors api/auth/permissions.ts: each section needs the permission its API routes need.
// The administrator holds every permission, so every section is open to them.
const SECTION_ROLES: Record<OfficeSection, readonly Role[]> = {
  home: ['moderator', 'executor', 'manager'],
  triage: ['moderator'], // appeals:triage
  queue: ['executor', 'manager'], // appeals:work
  organisation: ['manager'], // appeals:manage
  admin: [], // users:manage, appeals:configure, deputies:manage
  stats: ['moderator', 'manager'], // stats:internal
  audit: ['moderator', 'manager'], // audit:read
}

/** Whether any of `roles` opens `section`. */
export function opensSection(roles: readonly Role[], section: OfficeSection): boolean {
  return roles.some((role) => role === 'admin' || SECTION_ROLES[section].includes(role))
}

/**
 * The office sections open to someone with `roles`, in menu order. Empty for residents and
 * other accounts without a back-office role.
 */
export function sectionsFor(roles: readonly Role[]): OfficeSection[] {
  return OFFICE_SECTIONS.filter((section) => opensSection(roles, section))
}
