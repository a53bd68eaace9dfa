import type { Camera } from '../url-state/index.ts'
import { SCREENSHOT_DIR, type Page } from '../../scripts/browser/index.ts'

/**
 * What a visitor does on the map page, in the page's own terms. Specs call these and never touch
 * selectors or the map's test hook directly.
 */

/** Opens the map page at `query` (e.g. `?city=kyiv`) and waits until the map has drawn it. */
export async function openMap(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`)
  await waitForMapIdle(page)
}

/** Opens a city's map with its default view. */
export async function openCity(page: Page, cityId: string): Promise<void> {
  await openMap(page, `?city=${encodeURIComponent(cityId)}`)
}

/** Reloads the page (same URL) and waits until the map has drawn it again. */
export async function reloadMap(page: Page): Promise<void> {
  await page.reload()
  await waitForMapIdle(page)
}

/** How long a map may take to appear: a cold server encodes its first tiles on demand. */
const MAP_READY_TIMEOUT_MS = 90_000

/** Waits for the map to exist, then for its next `idle`: style, tiles and moves all done. */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__hromadaMap !== undefined, undefined, { timeout: MAP_READY_TIMEOUT_MS })
  await page.evaluate(() => window.__hromadaMap?.waitForIdle())
}

/** Waits until an appeal's small map (its page, the office's work page) has drawn its tiles. */
export async function waitForAppealMap(page: Page): Promise<void> {
  await page.locator('.appeal-map__canvas[data-drawn="true"]').waitFor({ timeout: MAP_READY_TIMEOUT_MS })
  await waitForMapIdle(page)
}

/** How many features of a catalogue layer the map draws in the viewport now. */
export async function renderedFeatureCount(page: Page, layerId: string): Promise<number> {
  return page.evaluate((id) => window.__hromadaMap?.renderedFeatureCount(id) ?? 0, layerId)
}

/** The texts of a catalogue layer's labels the map has placed in the viewport now. */
export async function renderedLabels(page: Page, layerId: string): Promise<string[]> {
  return page.evaluate((id) => window.__hromadaMap?.renderedLabels(id) ?? [], layerId)
}

/** The map's camera now. */
export async function mapCamera(page: Page): Promise<Camera> {
  const camera = await page.evaluate(() => window.__hromadaMap?.camera())
  if (!camera) throw new Error('the map is not ready')
  return camera
}

/** The checkbox that shows or hides a layer in the catalogue. */
function layerToggle(page: Page, layerId: string) {
  return page.locator(`input[type="checkbox"][data-layer-id="${layerId}"]`)
}

/** Opens the catalogue where it is a collapsed bottom sheet (phones); a no-op on a desktop. */
export async function openCatalogue(page: Page): Promise<void> {
  const toggle = page.locator('.catalogue__toggle')
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click()
}

/** Switches a layer on or off in the catalogue and waits for the map to redraw. */
export async function toggleLayer(page: Page, layerId: string): Promise<void> {
  await openCatalogue(page)
  const toggle = layerToggle(page, layerId)
  const wasChecked = await toggle.isChecked()
  await toggle.click()
  await page.waitForFunction(
    ({ id, checked }) => document.querySelector<HTMLInputElement>(`input[data-layer-id="${id}"]`)?.checked === checked,
    { id: layerId, checked: !wasChecked },
  )
  await waitForMapIdle(page)
}

/** Whether a layer's catalogue checkbox is checked. */
export async function isLayerChecked(page: Page, layerId: string): Promise<boolean> {
  await openCatalogue(page)
  return layerToggle(page, layerId).isChecked()
}

/**
 * Clicks the map where a feature of `layerId` is the topmost pickable feature, and waits for the
 * feature panel to show its attributes. Throws when no feature of the layer is in view.
 */
export async function clickFeature(page: Page, layerId: string): Promise<void> {
  const point = await page.evaluate((id) => window.__hromadaMap?.findClickablePoint(id) ?? null, layerId)
  if (!point) throw new Error(`no feature of ${layerId} can be clicked in the current view`)
  const canvas = await page.locator('.maplibregl-canvas').boundingBox()
  if (!canvas) throw new Error('the map canvas is not on screen')
  await page.mouse.click(canvas.x + point.x, canvas.y + point.y)
  await page.locator('.feature-panel__attributes').waitFor()
}

/**
 * Clicks a cluster of the layer's points (a grid cell the tiles merged) and waits for the map to
 * settle. Throws when no cluster of the layer is in view.
 */
export async function clickCluster(page: Page, layerId: string): Promise<void> {
  const point = await page.evaluate((id) => window.__hromadaMap?.findClickablePoint(id, 'cluster') ?? null, layerId)
  if (!point) throw new Error(`no cluster of ${layerId} can be clicked in the current view`)
  const canvas = await page.locator('.maplibregl-canvas').boundingBox()
  if (!canvas) throw new Error('the map canvas is not on screen')
  await page.mouse.click(canvas.x + point.x, canvas.y + point.y)
  await page.waitForURL((url) => url.searchParams.has('map'))
  await waitForMapIdle(page)
}

/** Drags the map by (dx, dy) CSS pixels from its centre and waits for it to settle. */
export async function panMap(page: Page, dx: number, dy: number): Promise<void> {
  const canvas = await page.locator('.maplibregl-canvas').boundingBox()
  if (!canvas) throw new Error('the map canvas is not on screen')
  const x = canvas.x + canvas.width / 2
  const y = canvas.y + canvas.height / 2
  await page.mouse.move(x, y)
  await page.mouse.down()
  await page.mouse.move(x + dx, y + dy, { steps: 8 })
  await page.mouse.up()
  await waitForMapIdle(page)
}

/** The feature panel's attributes as label → shown value, in display order; empty when closed. */
export async function featureAttributes(page: Page): Promise<Record<string, string>> {
  const rows = page.locator('.feature-panel__attribute')
  const attributes: Record<string, string> = {}
  for (const row of await rows.all()) {
    attributes[(await row.locator('dt').innerText()).trim()] = (await row.locator('dd').innerText()).trim()
  }
  return attributes
}

/** Whether the feature panel is open. */
export async function isFeaturePanelOpen(page: Page): Promise<boolean> {
  return page.locator('.feature-panel').isVisible()
}

/** Closes the feature panel with the Escape key. */
export async function pressEscape(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
}

/** Picks another city in the header's city switcher and waits for its map. */
export async function switchCity(page: Page, cityId: string): Promise<void> {
  await page.locator('#field-city').selectOption(cityId)
  await page.waitForURL((url) => url.searchParams.get('city') === cityId)
  await waitForMapIdle(page)
}

/** Whether the catalogue lists a layer (with a checkbox, so not a basemap layer). */
export async function catalogueListsLayer(page: Page, layerId: string): Promise<boolean> {
  return (await layerToggle(page, layerId).count()) === 1
}

/** Switches the interface language with the header's language field. */
export async function switchLanguage(page: Page, language: 'uk' | 'en'): Promise<void> {
  await page.locator('#field-language').selectOption(language)
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language)
}

/** Saves a screenshot of the whole page to `test-results/<name>.png`. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` })
}
