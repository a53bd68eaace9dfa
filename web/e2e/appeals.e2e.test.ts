import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession, type Page } from '../../scripts/browser/index.ts'
import { clickFeature, featureAttributes, openCity, openMap, saveScreenshot, waitForMapIdle } from './map-driver.ts'
import {
  appealDescription,
  appealNumbersOnMap,
  appealPageLinkInPanel,
  attachPhotos,
  chooseCategory,
  describeProblem,
  loadedPhotoCount,
  offersNearbyAppeals,
  openAppealOnMap,
  openAppealPage,
  openTrackingPage,
  pickCategory,
  pressNext,
  reportHeading,
  saveFullPageScreenshot,
  searchAndPickAddress,
  showFiledAppealOnMap,
  startReport,
  submitReport,
  supportFirstNearbyAppeal,
  tapMapCentre,
  type PhotoFile,
} from './report-driver.ts'

const APPEALS = 'kyiv-appeals'
const PHONE = { width: 390, height: 844 }
const DESCRIPTION = 'Глибока яма біля зупинки <script>alert(1)</script> — обережно!'
const APPEAL_NUMBER = /^KYIV-\d{4}-\d{6}$/

/** A small JPEG made for the test: a grey square with a darker "pothole". */
async function photo(name: string): Promise<PhotoFile> {
  const buffer = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8a8a8a' } })
    .composite([{ input: Buffer.from('<svg width="320" height="240"><ellipse cx="160" cy="130" rx="90" ry="50" fill="#333"/></svg>'), top: 0, left: 0 }])
    .jpeg()
    .toBuffer()
  return { name, mimeType: 'image/jpeg', buffer }
}

/** A point in central Kyiv, a few hundred metres from the centre in a random direction. */
function pointInKyiv(): { lat: number; lon: number } {
  return { lat: 50.4501 + (Math.random() - 0.5) * 0.01, lon: 30.5234 + (Math.random() - 0.5) * 0.015 }
}

/** Files an appeal straight through the API, as another resident did earlier. */
async function fileThroughApi(page: Page, point: { lat: number; lon: number }, category: string): Promise<string> {
  const response = await page.request.post('/api/appeals', {
    data: { city: 'kyiv', category, lat: point.lat, lon: point.lon, description: 'Не світить ліхтар біля під’їзду' },
  })
  expect(response.status()).toBe(201)
  const receipt: unknown = await response.json()
  if (typeof receipt !== 'object' || receipt === null || !('number' in receipt) || typeof receipt.number !== 'string') {
    throw new Error('the API sent no receipt number')
  }
  return receipt.number
}

/** An address from the polling stations layer, one of the address search's sources. */
async function knownAddress(page: Page): Promise<string> {
  const response = await page.request.get('/api/layers/kyiv-polling-stations/features?limit=1')
  const body = (await response.json()) as { features: Array<{ properties: { address?: unknown } }> }
  const address = body.features[0]?.properties.address
  if (typeof address !== 'string') throw new Error('the polling stations have no address')
  return address
}

describe('residents’ appeals', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('files an appeal from a phone and finds it on its page and on the map', async () => {
    // given a resident on a phone with Kyiv's map open
    const { page, record } = await browser.openPage(PHONE)
    await openCity(page, 'kyiv')
    await saveScreenshot(page, 'appeals-phone-map')
    // when they start a report and tap the map
    await startReport(page)
    await tapMapCentre(page)
    await saveScreenshot(page, 'appeals-phone-location')
    await pressNext(page)
    // and choose a category, describe the problem with markup in it and attach a photo
    await saveScreenshot(page, 'appeals-phone-category')
    await chooseCategory(page, 'pothole')
    await describeProblem(page, DESCRIPTION)
    await attachPhotos(page, [await photo('pothole.jpg')])
    await saveScreenshot(page, 'appeals-phone-details')
    await pressNext(page)
    await saveScreenshot(page, 'appeals-phone-contact')
    await pressNext(page)
    await saveScreenshot(page, 'appeals-phone-review')
    const receipt = await submitReport(page)
    await saveScreenshot(page, 'appeals-phone-receipt')
    // then the receipt has a registration number
    expect(receipt.number).toMatch(APPEAL_NUMBER)
    // and the map draws the new appeal once the resident goes back to it
    await showFiledAppealOnMap(page)
    await saveScreenshot(page, 'appeals-phone-map-after')
    expect(await appealNumbersOnMap(page, APPEALS)).toContain(receipt.number)
    // and it is selected there, its panel open, its codes in words
    await page.locator('.feature-panel__link a').waitFor()
    expect(await appealPageLinkInPanel(page)).toBe(`/appeals/${receipt.number}`)
    const words = Object.values(await featureAttributes(page))
    expect(words).toEqual(expect.arrayContaining(['Нове', 'Яма на дорозі', 'Дороги й тротуари']))
    expect(words).not.toEqual(expect.arrayContaining(['new', 'roads', 'pothole']))
    // and a tap on it opens a panel that links to its page
    await clickFeature(page, APPEALS)
    expect(await appealPageLinkInPanel(page)).toBe(`/appeals/${receipt.number}`)
    // and its page shows the description as text, and the photo
    await openAppealPage(page, receipt.number)
    await saveFullPageScreenshot(page, 'appeals-phone-page')
    expect(await appealDescription(page)).toBe(DESCRIPTION)
    expect(await page.locator('[data-testid="appeal-description"] script').count()).toBe(0)
    expect(await loadedPhotoCount(page)).toBe(1)
    // and the page's link to the map shows it there too
    await openAppealOnMap(page)
    expect(await appealNumbersOnMap(page, APPEALS)).toContain(receipt.number)
    // and nothing went wrong or left the origin on the way
    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it('offers an open appeal nearby and counts the resident’s "me too" instead of a new appeal', async () => {
    // given a street light already reported at a point
    const { page } = await browser.openPage(PHONE)
    const point = pointInKyiv()
    const number = await fileThroughApi(page, point, 'street-light')
    await openMap(page, `?city=kyiv&map=17/${point.lat}/${point.lon}`)
    // when a resident reports a street light at the same point
    await startReport(page)
    await tapMapCentre(page)
    await pressNext(page)
    await pickCategory(page, 'street-light')
    // then the sheet offers the existing appeal, and "me too" counts them
    expect(await offersNearbyAppeals(page)).toBe(true)
    expect(await page.locator('.nearby-appeals').innerText()).toContain(number)
    await saveScreenshot(page, 'appeals-phone-nearby')
    expect(await supportFirstNearbyAppeal(page, `resident-${Date.now()}@example.org`)).toMatch(/1/)
  })

  it('puts the pin at an address found in the search', async () => {
    // given an address the city's polling stations list
    const { page } = await browser.openPage(PHONE)
    const address = await knownAddress(page)
    await openCity(page, 'kyiv')
    await startReport(page)
    // when the resident searches for it and picks it
    const picked = await searchAndPickAddress(page, address)
    // then the pin marks it and the sheet names it
    await page.locator('[data-testid="report-pin"]').waitFor()
    expect(picked).toBe(address)
    expect(await page.locator('.report-location__chosen').innerText()).toContain(address)
  })

  it('files once when the first answer is lost and the resident sends again', async () => {
    // given a report ready to send, whose first answer will be lost on the way back
    const { page } = await browser.openPage(PHONE)
    const point = pointInKyiv()
    await openMap(page, `?city=kyiv&map=17/${point.lat}/${point.lon}`)
    await startReport(page)
    await tapMapCentre(page)
    await pressNext(page)
    await chooseCategory(page, 'other')
    await describeProblem(page, 'Зламана лавка у сквері')
    await pressNext(page)
    await pressNext(page)
    const keys: string[] = []
    let firstNumber: string | undefined
    await page.route('**/api/appeals', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '')
      const response = await route.fetch()
      if (firstNumber === undefined) {
        firstNumber = ((await response.json()) as { number: string }).number
        await route.abort('connectionreset')
        return
      }
      await route.fulfill({ response })
    })
    // when the resident sends it, sees it fail, and sends it again
    await page.locator('.report-sheet__footer .button--primary').click()
    await page.locator('.report-failure').waitFor()
    expect(await reportHeading(page)).toMatch(/Перевірте|Check/)
    const receipt = await submitReport(page)
    // then both attempts carried the same key, and the receipt is the first filing's
    expect(keys).toHaveLength(2)
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(keys[1]).toBe(keys[0])
    expect(receipt.number).toBe(firstNumber)
  })

  it('shows the author their private tracking page with what only they see', async () => {
    // given an appeal filed through the form
    const { page } = await browser.openPage(PHONE)
    const point = pointInKyiv()
    await openMap(page, `?city=kyiv&map=17/${point.lat}/${point.lon}`)
    await startReport(page)
    await tapMapCentre(page)
    await pressNext(page)
    await chooseCategory(page, 'other')
    await describeProblem(page, 'Немає урни біля лавки')
    await pressNext(page)
    await page.locator('#report-contact-name').fill('Олена')
    await pressNext(page)
    const receipt = await submitReport(page)
    // when the author opens the tracking link from the receipt
    await openTrackingPage(page, receipt.trackingPath)
    // then it shows the appeal with the contact details the city has
    await saveFullPageScreenshot(page, 'appeals-phone-tracking')
    expect(await page.locator('#appeal-heading').innerText()).toContain(receipt.number)
    expect(await page.locator('.privacy-note').innerText()).toContain('Олена')
  })

  it('draws the appeals as a heatmap and as hexagons without requests elsewhere', async () => {
    // given the appeals layer on the map
    const { page, record } = await browser.openPage({ width: 1280, height: 800 })
    await openMap(page, `?city=kyiv&layers=${APPEALS}&appeal-view=heatmap`)
    // when it is drawn as a heatmap, then as hexagons
    await page.locator('#deckgl-overlay').waitFor()
    await waitForMapIdle(page)
    await saveScreenshot(page, 'appeals-heatmap')
    await page.locator('input[name="appeal-view"][value="hexagons"]').check()
    await page.waitForURL((url) => url.searchParams.get('appeal-view') === 'hexagons')
    await waitForMapIdle(page)
    await saveScreenshot(page, 'appeals-hexagons')
    // then deck.gl drew over the map without errors, and everything came from the app's origin
    expect(record.pageErrors).toEqual([])
    expect(record.consoleErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })
})
