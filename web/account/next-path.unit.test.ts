import { describe, expect, it } from 'vitest'
import type { Permission } from '../../api/contract/index.ts'
import { pageAfterSignIn } from './next-path.ts'

const RESIDENT: { permissions: Permission[] } = { permissions: ['account'] }
const MODERATOR: { permissions: Permission[] } = { permissions: ['account', 'appeals:read', 'appeals:triage', 'audit:read', 'stats:internal'] }

describe('the page after signing in', () => {
  it('is the requested path on this site', () => {
    expect(pageAfterSignIn('/appeals/KYIV-2026-000001?lang=en', RESIDENT)).toBe('/appeals/KYIV-2026-000001?lang=en')
  })

  it.each(['//evil.example', '/\\evil.example', 'https://evil.example/', 'javascript:alert(1)', '', '/\nx'])('ignores %j, which is not a path here', (next) => {
    expect(pageAfterSignIn(next, RESIDENT)).toBe('/account')
  })

  it('is the office for staff and the account page for residents when nothing was requested', () => {
    expect(pageAfterSignIn(null, MODERATOR)).toBe('/office')
    expect(pageAfterSignIn(null, RESIDENT)).toBe('/account')
  })
})
