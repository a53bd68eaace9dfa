/** Helpers of tests that act as a signed-in user: real sign-in through the API, cookie kept. */
import { randomUUID } from 'node:crypto'
import { expect } from 'vitest'
import type { App } from '../index.ts'
import { DEMO_ACCOUNTS } from '../demo/index.ts'
import { SESSION_COOKIE, type Role } from './session.ts'

/** A signed-in client: every request carries the session cookie and this site's Origin. */
export interface SignedIn {
  cookie: string
  request(path: string, init?: RequestInit): Promise<Response>
  get(path: string): Promise<Response>
  post(path: string, body?: unknown): Promise<Response>
}

/**
 * Signs in with e-mail and password through `POST /api/auth/login`. The app must trust the
 * proxy: each sign-in comes from an address of its own, so no test shares a rate-limit window.
 */
export async function signIn(app: App, email: string, password: string): Promise<SignedIn> {
  const res = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `signin-${randomUUID()}` },
    body: JSON.stringify({ email, password }),
  })
  expect(res.status, `sign-in of ${email}`).toBe(200)
  const setCookie = res.headers.get('Set-Cookie') ?? ''
  const value = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(setCookie)?.[1]
  if (!value) throw new Error(`no session cookie for ${email}`)
  const cookie = `${SESSION_COOKIE}=${value}`
  const request = (path: string, init: RequestInit = {}) =>
    Promise.resolve(app.request(path, { ...init, headers: { Cookie: cookie, Origin: 'http://localhost', ...(init.headers as Record<string, string> | undefined) } }))
  return {
    cookie,
    request,
    get: (path) => request(path),
    post: (path, body = {}) => request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  }
}

/** Signs in as the demo account of a role (`<role>@demo.local`). */
export function signInAs(app: App, role: Role): Promise<SignedIn> {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role)
  if (!account) throw new Error(`no demo account for ${role}`)
  return signIn(app, account.email, account.password)
}
