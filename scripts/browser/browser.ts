import { mkdir } from 'node:fs/promises'
import { chromium, type Browser, type Page } from 'playwright-core'

export type { Page }

/** Chromium as Debian installs it; `CHROMIUM_PATH` overrides. */
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/**
 * Headless, quiet, offline-friendly Chromium. WebGL comes from SwiftShader through ANGLE (checked
 * with Chromium 156: a WebGL 2 context with `--use-angle=swiftshader --enable-unsafe-swiftshader`,
 * also under `--disable-gpu`); MapLibre needs WebGL 2.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
]

/** Where screenshots go, relative to the repository root (the test command's working directory). */
export const SCREENSHOT_DIR = 'test-results'

/** What one page did that a test may want to forbid. */
export interface PageRecord {
  /** Text of every `console.error` message. */
  consoleErrors: string[]
  /** Uncaught exceptions and unhandled rejections. */
  pageErrors: string[]
  /** Every request whose origin is not the app's (data: and blob: URLs are not requests out). */
  offOriginRequests: string[]
}

/** A page under test and what it has done so far. */
export interface RecordedPage {
  page: Page
  record: PageRecord
}

/** A screen size for a page. */
export interface Viewport {
  width: number
  height: number
}

/** A running Chromium that opens recorded pages on the app. */
export interface BrowserSession {
  /** Opens a fresh page (its own context: no shared storage) at the given screen size. */
  openPage(viewport: Viewport): Promise<RecordedPage>
  close(): Promise<void>
}

/**
 * Launches headless Chromium for tests against `baseUrl`. Pages get `window.__hromadaE2E = true`
 * before any app script runs, which makes the map expose its test hook.
 */
export async function launchBrowser(baseUrl: string): Promise<BrowserSession> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS })
  const appOrigin = new URL(baseUrl).origin
  await mkdir(SCREENSHOT_DIR, { recursive: true })

  return {
    async openPage(viewport) {
      const context = await browser.newContext({ viewport, baseURL: baseUrl })
      await context.addInitScript(() => {
        window.__hromadaE2E = true
      })
      const page = await context.newPage()
      const record: PageRecord = { consoleErrors: [], pageErrors: [], offOriginRequests: [] }
      page.on('console', (message) => {
        if (message.type() === 'error') record.consoleErrors.push(`${message.text()} (${message.location().url})`)
      })
      page.on('pageerror', (error) => record.pageErrors.push(String(error)))
      page.on('request', (request) => {
        const url = new URL(request.url())
        if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== appOrigin) {
          record.offOriginRequests.push(request.url())
        }
      })
      return { page, record }
    },
    close: () => browser.close(),
  }
}
