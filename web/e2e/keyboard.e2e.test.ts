import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession, type Page } from '../../scripts/browser/index.ts'
import { axeViolations } from './data-driver.ts'
import { openCity, saveScreenshot, waitForMapIdle } from './map-driver.ts'

/**
 * A resident who uses the keyboard alone (no mouse, no touch): every step below is a key press.
 * The test reads data through the API only to know an address to type.
 */

const DESK = { width: 1440, height: 900 }

/** Presses Tab (or Shift+Tab, `back`) until the focused element matches `selector`; fails after `most` presses. */
async function tabTo(page: Page, selector: string, { back = false, most = 60 } = {}): Promise<void> {
  const key = back ? 'Shift+Tab' : 'Tab'
  for (let pressed = 0; pressed < most; pressed++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press(key)
  }
  throw new Error(`${most} presses of ${key} never reached ${selector}`)
}

/** Presses a key on the focused element until `done` holds; fails after `most` presses. */
async function pressUntil(page: Page, key: string, done: () => Promise<boolean>, most = 60): Promise<void> {
  for (let pressed = 0; pressed < most; pressed++) {
    if (await done()) return
    await page.keyboard.press(key)
  }
  throw new Error(`${most} presses of ${key} did not get there`)
}

/** The heading of the step the report shows now. */
const stepOf = (page: Page) => page.locator('.report-sheet').getAttribute('data-step')

/** Presses the report's main button (Next, or Send) with the keyboard and waits for what it shows to change. */
async function nextStep(page: Page): Promise<void> {
  const before = await page.locator('#report-heading').innerText()
  // The button waits for the look-up of nearby appeals; a disabled button takes no focus.
  await page.locator('.report-sheet__footer .button--primary:not([disabled])').waitFor({ timeout: 30_000 })
  await tabTo(page, '.report-sheet__footer .button--primary')
  await page.keyboard.press('Enter')
  // The heading names the step (or the nearby appeals offered first, within the category step).
  await page.waitForFunction((heading) => document.querySelector('#report-heading')?.textContent !== heading, before, { timeout: 30_000 })
}

describe('the keyboard alone', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('searches an address, opens a feature from the list of what is there, reports a problem there and files it', async () => {
    const { page, record } = await browser.openPage(DESK)
    const stations = (await (await page.request.get('/api/layers/kyiv-polling-stations/features?limit=1')).json()) as { features: Array<{ properties: { address: string } }> }
    const address = stations.features[0]!.properties.address
    await openCity(page, 'kyiv')

    // search the address in the header and pick the first suggestion with the arrow keys
    await tabTo(page, '.app-header [role="combobox"]')
    await page.keyboard.type(address, { delay: 10 })
    await page.locator('.app-header [role="option"]').first().waitFor()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await waitForMapIdle(page)

    // skip the header and the layer list to the map, open the list of the features at its centre and choose the first
    await tabTo(page, '.skip-link', { back: true })
    await page.keyboard.press('Enter')
    await tabTo(page, '.features-here__toggle')
    await page.keyboard.press('Enter')
    const first = page.locator('.features-here__item').first()
    await first.waitFor({ timeout: 30_000 })
    await saveScreenshot(page, 'keyboard-features-here')
    expect(await axeViolations(page)).toEqual([])
    const chosen = { layer: await first.getAttribute('data-layer'), feature: await first.getAttribute('data-feature') }
    await tabTo(page, '.features-here__item')
    await page.keyboard.press('Enter')
    // the feature's panel opens with the focus on its heading, and the URL names the feature
    await page.waitForFunction(() => document.activeElement?.id === 'feature-panel-heading', undefined, { timeout: 30_000 })
    expect(new URL(page.url()).searchParams.get('feature')).toBe(`${chosen.layer}/${chosen.feature}`)
    await saveScreenshot(page, 'keyboard-feature-panel')

    // report a problem at that place: back from the panel to the map's report button
    await tabTo(page, '.report-button', { back: true })
    await page.keyboard.press('Enter')
    await page.locator('.report-sheet').waitFor()
    await tabTo(page, '.report-sheet button[data-location="centre"]')
    await page.keyboard.press('Enter')
    await page.locator('[data-testid="report-pin"]').waitFor()
    await nextStep(page)
    // the category: into the group with Tab, then along it with the arrow keys
    await tabTo(page, 'input[name="report-category"]')
    await pressUntil(page, 'ArrowDown', () => page.locator('input[name="report-category"][value="other"]').isChecked())
    await nextStep(page)
    if ((await page.locator('.nearby-appeals').count()) > 0) await nextStep(page)
    await tabTo(page, '#report-description')
    await page.keyboard.type('Розбита лава біля входу — повідомлено лише з клавіатури.')
    await nextStep(page)
    await nextStep(page)
    expect(await stepOf(page)).toBe('review')
    await nextStep(page)

    // then the appeal is filed and its receipt shows
    const number = page.locator('[data-appeal-number]')
    await number.waitFor({ timeout: 30_000 })
    expect(await number.innerText()).toMatch(/^KYIV-\d{4}-\d{6}$/)
    await saveScreenshot(page, 'keyboard-receipt')
    expect(await axeViolations(page)).toEqual([])
    expect(record.pageErrors).toEqual([])
  })
})
