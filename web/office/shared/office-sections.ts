import type { SignedInUser } from '../../api-client/index.ts'
import { OFFICE_SECTIONS, type OfficeSection, type Permission } from '../../../api/contract/index.ts'

// Each section opens with any of the permissions its API routes need; the API says which
// permissions the user holds.
const SECTION_PERMISSIONS: Record<OfficeSection, readonly Permission[]> = {
  home: ['appeals:read', 'users:manage', 'appeals:configure', 'deputies:manage'],
  triage: ['appeals:triage'],
  queue: ['appeals:work'],
  organisation: ['appeals:manage'],
  admin: ['users:manage', 'appeals:configure', 'deputies:manage'],
  stats: ['stats:internal'],
  audit: ['audit:read'],
}

/** Whether the user's permissions open `section`. */
export function opensSection(user: Pick<SignedInUser, 'permissions'>, section: OfficeSection): boolean {
  return SECTION_PERMISSIONS[section].some((permission) => user.permissions.includes(permission))
}

/**
 * The office sections open to the user, in menu order. Empty for residents and other accounts
 * without a back-office permission.
 */
export function sectionsFor(user: Pick<SignedInUser, 'permissions'>): OfficeSection[] {
  return OFFICE_SECTIONS.filter((section) => opensSection(user, section))
}
