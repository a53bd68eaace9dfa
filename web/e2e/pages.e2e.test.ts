import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, SCREENSHOT_DIR, type BrowserSession, type Page } from '../../scripts/browser/index.ts'
import { axeViolations } from './data-driver.ts'

/**
 * Every page a resident, an investor or a visitor can open without an account, on a phone and
 * on a desktop, in both languages: axe-core finds nothing, the page has a title of its own, and
 * its header leads back to the map, to "report a problem" and to sign-in.
 */

const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1440, height: 900 } }
const LANGUAGES = ['uk', 'en'] as const
const APP_TITLE = { uk: 'Громада Мапа', en: 'Hromada Map' }

/** The public pages, with the ids of real records where a page shows one. */
async function publicPages(page: Page): Promise<Array<{ name: string; path: string }>> {
  const json = async <T,>(path: string) => (await (await page.request.get(path)).json()) as T
  const appeal = (await json<{ appeals: Array<{ number: string }> }>('/api/appeals?city=kyiv&limit=1')).appeals[0]!.number
  const work = (await json<{ items: Array<{ id: number }> }>('/api/works?city=kyiv&limit=1')).items[0]!.id
  const property = (await json<{ items: Array<{ id: number }> }>('/api/property?city=kyiv&limit=1')).items[0]!.id
  return [
    { name: 'map', path: '/?city=kyiv' },
    { name: 'search', path: '/search?city=kyiv&q=%D0%A5%D1%80%D0%B5%D1%89%D0%B0%D1%82%D0%B8%D0%BA' },
    { name: 'appeal', path: `/appeals/${appeal}` },
    { name: 'sign-in', path: '/sign-in' },
    { name: 'register', path: '/register' },
    { name: 'forgot-password', path: '/account/forgot' },
    { name: 'dashboard', path: '/dashboard?city=kyiv' },
    { name: 'planning', path: '/planning?city=kyiv' },
    { name: 'budgets', path: '/budgets?city=kyiv' },
    { name: 'property', path: '/property?city=kyiv' },
    { name: 'property-object', path: `/property/${property}` },
    { name: 'investment', path: '/investment?city=kyiv' },
    { name: 'works', path: '/works?city=kyiv' },
    { name: 'work', path: `/works/${work}` },
    { name: 'data', path: '/data?city=kyiv' },
    { name: 'data-use', path: '/data/use?city=kyiv' },
    { name: 'not-found', path: '/no-such-page' },
  ]
}

/** Opens `path` in `language` and waits until the page has drawn its data (and its map, if it has one). */
async function openPage(page: Page, path: string, language: (typeof LANGUAGES)[number]): Promise<void> {
  const url = new URL(path, 'http://x')
  url.searchParams.set('lang', language)
  await page.goto(`${url.pathname}${url.search}`)
  await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => undefined)
  await page.locator('main h1, main [role="status"]').first().waitFor({ timeout: 60_000 })
  await page.waitForFunction(() => !document.querySelector('.page-loading'), undefined, { timeout: 60_000 })
  if (await page.evaluate(() => window.__hromadaMap !== undefined)) await page.evaluate(() => window.__hromadaMap?.waitForIdle())
}

describe('every public page', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    for (const language of LANGUAGES) {
      it(`has no axe violations, a title of its own and the header's ways on, at ${viewport.width}×${viewport.height} in ${language}`, async () => {
        const { page, record } = await browser.openPage(viewport)
        const found: Record<string, Array<{ id: string; target: string }>> = {}
        for (const { name, path } of await publicPages(page)) {
          await openPage(page, path, language)
          await page.screenshot({ path: `${SCREENSHOT_DIR}/pages-${name}-${size}-${language}.png` })
          const violations = await axeViolations(page)
          if (violations.length > 0) found[name] = violations
          const title = await page.title()
          if (name === 'map') expect(title, name).toBe(APP_TITLE[language])
          else {
            expect(title, name).toMatch(new RegExp(` — ${APP_TITLE[language]}$`))
            expect(await page.locator('.app-header a.app-header__home').getAttribute('href'), name).toMatch(/^\/(\?|$)/)
            expect(await page.locator('.app-header a.app-header__report').getAttribute('href'), name).toMatch(/#report$/)
            await page.locator('.app-header .account-link').waitFor()
          }
        }
        expect(found).toEqual({})
        expect(record.pageErrors).toEqual([])
      })
    }
  }

  it("opens the map's report from another page's header", async () => {
    const { page } = await browser.openPage(VIEWPORTS.phone)
    await openPage(page, '/works?city=kyiv', 'uk')
    await page.locator('.app-header a.app-header__report').click()
    await page.locator('.report-sheet').waitFor({ timeout: 60_000 })
    expect(new URL(page.url()).hash).toBe('')
  })
})
