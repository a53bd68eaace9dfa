import { SCREENSHOT_DIR, type Page } from '../../scripts/browser/index.ts'
import { waitForMapIdle } from './map-driver.ts'

/**
 * What a resident does to report a problem and follow it, in the page's own terms. Specs call
 * these and never touch selectors directly.
 */

/** What the receipt says once an appeal is filed. */
export interface Receipt {
  number: string
  /** The path of the private tracking page. */
  trackingPath: string
}

/** A photo to attach: its file name, type and bytes. */
export interface PhotoFile {
  name: string
  mimeType: string
  buffer: Buffer
}

/** Opens the report flow with the button over the map. */
export async function startReport(page: Page): Promise<void> {
  await page.locator('.report-button').click()
  await page.locator('.report-sheet').waitFor()
}

/** Taps the middle of the part of the map the sheet leaves visible, and waits for the pin. */
export async function tapMapCentre(page: Page): Promise<void> {
  const canvas = await page.locator('.maplibregl-canvas').boundingBox()
  if (!canvas) throw new Error('the map canvas is not on screen')
  const sheet = await page.locator('.report-sheet').boundingBox()
  const bottom = sheet ? Math.min(canvas.y + canvas.height, sheet.y) : canvas.y + canvas.height
  await page.mouse.click(canvas.x + canvas.width / 2, (canvas.y + bottom) / 2)
  await page.locator('[data-testid="report-pin"]').waitFor()
}

/** Types an address into the location search and picks the first result; returns its label. */
export async function searchAndPickAddress(page: Page, address: string): Promise<string> {
  const field = page.locator('.address-search input[type="search"]')
  await field.focus()
  await field.fill(address)
  const first = page.locator('.address-search__results button').first()
  await first.waitFor()
  const label = (await first.innerText()).trim()
  await first.click()
  return label
}

/** Presses the sheet's main button (Next, or Send on the review step). */
export async function pressNext(page: Page): Promise<void> {
  const heading = await page.locator('#report-heading').innerText()
  await page.locator('.report-sheet__footer .button--primary').click()
  await page.waitForFunction((before) => document.querySelector('#report-heading')?.textContent !== before, heading)
}

/** The heading of the step the sheet shows now. */
export async function reportHeading(page: Page): Promise<string> {
  return (await page.locator('#report-heading').innerText()).trim()
}

/**
 * Picks a category and goes on. When open appeals like it are nearby, the sheet offers them
 * first; `mine is different` goes past them to the details.
 */
export async function chooseCategory(page: Page, categoryId: string): Promise<void> {
  await page.locator(`input[name="report-category"][value="${categoryId}"]`).check()
  await pressNext(page)
  if ((await page.locator('.nearby-appeals').count()) > 0) await pressNext(page)
  await page.locator('#report-description').waitFor()
}

/** Whether the sheet offers open appeals nearby instead of going on to the details. */
export async function offersNearbyAppeals(page: Page): Promise<boolean> {
  return (await page.locator('.nearby-appeals').count()) > 0
}

/** Picks a category and presses Next, staying wherever the sheet goes. */
export async function pickCategory(page: Page, categoryId: string): Promise<void> {
  await page.locator(`input[name="report-category"][value="${categoryId}"]`).check()
  await pressNext(page)
}

/** Says "me too" to the first nearby appeal with this e-mail; returns the thanks it shows. */
export async function supportFirstNearbyAppeal(page: Page, email: string): Promise<string> {
  const item = page.locator('.nearby-appeals__item').first()
  await item.getByRole('button').click()
  await item.locator('input[type="email"]').fill(email)
  await item.locator('button[type="submit"]').click()
  const thanks = item.locator('.me-too__done')
  await thanks.waitFor()
  return thanks.innerText()
}

/** Types the description. */
export async function describeProblem(page: Page, text: string): Promise<void> {
  await page.locator('#report-description').fill(text)
}

/** Attaches photos through the file input and waits for their previews. */
export async function attachPhotos(page: Page, photos: PhotoFile[]): Promise<void> {
  await page.locator('.field-photos input[type="file"]').first().setInputFiles(photos)
  await page.locator('.field-photos__list img').nth(photos.length - 1).waitFor()
}

/** Sends the appeal from the review step and reads the receipt. */
export async function submitReport(page: Page): Promise<Receipt> {
  await page.locator('.report-sheet__footer .button--primary').click()
  const number = page.locator('[data-appeal-number]')
  await number.waitFor({ timeout: 30_000 })
  const trackingPath = await page.locator('[data-tracking-link]').getAttribute('href')
  if (!trackingPath) throw new Error('the receipt has no tracking link')
  return { number: (await number.innerText()).trim(), trackingPath }
}

/** Closes the receipt with "show on the map" and waits for the map to draw the appeal's place. */
export async function showFiledAppealOnMap(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Показати на мапі|Show on the map/ }).click()
  await page.locator('.report-sheet').waitFor({ state: 'detached' })
  await waitForMapIdle(page)
}

/** Opens an appeal's public page and waits for its description and its small map. */
export async function openAppealPage(page: Page, number: string): Promise<void> {
  await page.goto(`/appeals/${number}`)
  await page.locator('[data-testid="appeal-description"]').waitFor()
  await page.locator('.appeal-map__canvas[data-drawn="true"]').waitFor({ timeout: 60_000 })
}

/** Opens a tracking page (a path from the receipt) and waits for the appeal and its small map. */
export async function openTrackingPage(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.locator('[data-testid="appeal-description"]').waitFor()
  await page.locator('.appeal-map__canvas[data-drawn="true"]').waitFor({ timeout: 60_000 })
}

/** The appeal page's description as the resident reads it. */
export async function appealDescription(page: Page): Promise<string> {
  return (await page.locator('[data-testid="appeal-description"]').innerText()).trim()
}

/** How many photos the appeal page shows that have actually loaded. */
export async function loadedPhotoCount(page: Page): Promise<number> {
  await page.locator('.appeal-photos img').first().waitFor()
  return page.locator('.appeal-photos img').evaluateAll((images) =>
    images.filter((image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0).length,
  )
}

/** Follows the appeal page's link to the full map and waits for the map. */
export async function openAppealOnMap(page: Page): Promise<void> {
  await page.getByRole('link', { name: /великій мапі|full map/ }).click()
  await page.waitForURL((url) => url.pathname === '/')
  await waitForMapIdle(page)
}

/** The numbers of the appeals the map draws in its viewport now. */
export async function appealNumbersOnMap(page: Page, layerId: string): Promise<string[]> {
  const properties = await page.evaluate((id) => window.__hromadaMap?.renderedFeatureProperties(id) ?? [], layerId)
  return properties.map((p) => p.number).filter((n): n is string => typeof n === 'string')
}

/** Where the feature panel of a selected appeal links to. */
export async function appealPageLinkInPanel(page: Page): Promise<string | null> {
  return page.locator('.feature-panel__link a').getAttribute('href')
}

/** Saves a screenshot of the whole page, scrolled content included, to `test-results/<name>.png`. */
export async function saveFullPageScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true })
}
