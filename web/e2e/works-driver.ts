/** What residents and staff do on the works calendar and with works on the map, in the pages' own terms: by labels and roles. */
import type { Page } from '../../scripts/browser/index.ts'

/** How long a list, a map or a write may take on a cold server. */
const STEP_TIMEOUT_MS = 60_000

/** Opens the works calendar (`/works…`) and waits for its count and its map. */
export async function openWorks(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.locator('.works-count[data-matched]').waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.locator('.works-map[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** What the map page draws of a layer: the catalogue layers visible now, and the filter of each style layer of `layerId`. */
export async function mapLayersAndFilter(page: Page, layerId: string): Promise<{ visible: string[]; filters: Record<string, unknown> }> {
  return page.evaluate((id) => {
    const hook = window.__hromadaMap
    if (!hook) throw new Error('the map is not ready')
    return { visible: hook.visibleLayerIds(), filters: hook.layerFilters(id) }
  }, layerId)
}

/** The tile properties of the features of a layer the map draws in the viewport now. */
export async function renderedProperties(page: Page, layerId: string): Promise<Array<Record<string, unknown>>> {
  return page.evaluate((id) => window.__hromadaMap?.renderedFeatureProperties(id) ?? [], layerId)
}

/** Switches the "now only" option of the works layer in the catalogue, and waits for the map to redraw. */
export async function setWorksNowOnly(page: Page, layerId: string, on: boolean): Promise<void> {
  const box = page.locator(`input[data-works-now="${layerId}"]`)
  if ((await box.isChecked()) !== on) await box.click()
  await page.evaluate(() => window.__hromadaMap?.waitForIdle())
}

/** The calendar's parts in order, each with the titles of its works in order. */
export async function agendaSections(page: Page): Promise<Array<{ section: string; titles: string[] }>> {
  return page.locator('.works-agenda__section').evaluateAll((sections) =>
    sections.map((s) => ({
      section: s.getAttribute('data-section') ?? '',
      titles: [...s.querySelectorAll('.property-list__title')].map((t) => (t.textContent ?? '').trim()),
    })),
  )
}

/** Subscribes to mail about works in a district; returns what the form says once the API took it. */
export async function subscribeByDistrict(page: Page, district: string, email: string): Promise<string> {
  const form = page.locator('.works-subscribe')
  await form.getByRole('radio', { name: /^(У районі|In a district)$/ }).check()
  const field = form.getByLabel(/^(Район|District)$/)
  await field.locator('option', { hasText: district }).first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS })
  await field.selectOption({ label: district })
  await form.getByLabel(/^(Електронна пошта|E-mail)$/).fill(email)
  await form.getByRole('button', { name: /^(Підписатися|Subscribe)$/ }).click()
  await page.locator('.works-subscribe[data-state="sent"]').waitFor({ timeout: STEP_TIMEOUT_MS })
  return (await form.getByRole('status').innerText()).trim()
}

/** The address of the calendar feed the page offers ("Add to calendar"). */
export async function calendarFeedHref(page: Page): Promise<string> {
  const href = await page.getByRole('link', { name: /^(Підписатися в календарі|Add to calendar)$/ }).getAttribute('href')
  if (!href) throw new Error('the page offers no calendar feed')
  return href
}

/** Works as staff record them on the calendar page. */
export interface RecordedWorks {
  title: string
  /** Kyiv wall time as a date-and-time field takes it: `2026-12-08T09:00`. */
  startsAt: string
  endsAt: string
  switchedOff: RegExp
  radiusM: string
}

/**
 * Fills in "Record works" with a closure tapped at the middle of the map, sends it, and returns
 * the address of the new work's page the form then links to.
 */
export async function recordWorks(page: Page, works: RecordedWorks): Promise<string> {
  const form = page.locator('.works-record')
  await form.getByLabel(/^(Назва|Title)$/).fill(works.title)
  await form.getByLabel(/^(Початок|Starts)$/).fill(works.startsAt)
  await form.getByLabel(/^(Завершення|Ends)$/).fill(works.endsAt)
  await form.getByRole('group', { name: /^(Що вимкнено|Switched off)$/ }).getByRole('checkbox', { name: works.switchedOff }).check()
  await form.getByRole('button', { name: /^(Позначити точку на мапі|Tap a point on the map)$/ }).click()
  await page.locator('.works-map').scrollIntoViewIfNeeded()
  const canvas = await page.locator('.works-map .maplibregl-canvas').boundingBox()
  if (!canvas) throw new Error('the works map is not on screen')
  await page.mouse.click(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2)
  await form.locator('.works-record__place[data-place="point"]').waitFor()
  await form.getByLabel(/^(Радіус, м|Radius, m)$/).fill(works.radiusM)
  await form.getByRole('button', { name: /^(Внести|Record)$/ }).click()
  const link = form.getByRole('status').getByRole('link')
  await link.waitFor({ timeout: STEP_TIMEOUT_MS })
  return (await link.getAttribute('href')) ?? ''
}

/** Opens a work's page and waits for its small map. */
export async function openWork(page: Page, href: string): Promise<void> {
  await page.goto(href)
  await page.locator('#object-heading').waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.locator('.property-shape-map[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}
