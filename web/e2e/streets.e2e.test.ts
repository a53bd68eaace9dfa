import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { openMap, renderedFeatureCount, renderedLabels, saveScreenshot, waitForAppealMap } from './map-driver.ts'
import { openOfficeAppeal, signInOnPage } from './office-driver.ts'

const DESK = { width: 1280, height: 900 }

/** Kyiv's basemap layers, loaded before these tests from the test extract of central Kyiv (global-setup.ts). */
const STREETS = 'kyiv-osm-streets'
const BUILDINGS = 'kyiv-osm-buildings'

interface Found {
  kind: string
  title: string
  point?: [number, number]
}

describe("the city's own OpenStreetMap basemap", () => {
  let browser: BrowserSession
  const baseUrl = inject('baseUrl')

  beforeAll(async () => {
    browser = await launchBrowser(baseUrl)
  })

  afterAll(async () => {
    await browser?.close()
  })

  async function findHouse(query: string): Promise<Found> {
    const res = await fetch(`${baseUrl}/api/search?city=kyiv&q=${encodeURIComponent(query)}`)
    const { results } = (await res.json()) as { results: Found[] }
    return results[0]!
  }

  it('draws the streets with their names and the houses with their numbers, from our own origin', async () => {
    const house = await findHouse('Хрещатик 22')
    expect(house).toMatchObject({ kind: 'address', title: 'вулиця Хрещатик, 22' })
    const [lon, lat] = house.point!
    const { page, record } = await browser.openPage(DESK)
    await openMap(page, `?city=kyiv&map=17/${lat}/${lon}`)
    expect(await renderedFeatureCount(page, STREETS)).toBeGreaterThan(0)
    expect(await renderedLabels(page, STREETS)).toContain('вулиця Хрещатик')
    expect(await renderedLabels(page, BUILDINGS)).toContain('22')
    await saveScreenshot(page, 'streets-basemap-kyiv')
    // The whole test extract with no data layer on: the picture in docs/streets.md.
    await openMap(page, `?city=kyiv&map=16/${lat}/${lon}&layers=`)
    expect(await renderedLabels(page, STREETS)).toEqual(expect.arrayContaining(['вулиця Хрещатик', 'вулиця Прорізна']))
    await saveScreenshot(page, 'streets-basemap-overview')
    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it("names the nearest house on an appeal's page and in the office, with the street named on their maps", async () => {
    const house = await findHouse('Хрещатик 24')
    const [lon, lat] = house.point!
    // Six metres east of the house's middle: on its pavement.
    const res = await fetch(`${baseUrl}/api/appeals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: baseUrl },
      body: JSON.stringify({ city: 'kyiv', category: 'pothole', lon: lon + 0.00008, lat, description: 'Вибоїна на тротуарі біля будинку' }),
    })
    expect(res.status).toBe(201)
    const receipt = (await res.json()) as { number: string; address: string | null }
    expect(receipt.address).toBe('вулиця Хрещатик, 24')
    const { page } = await browser.openPage(DESK)
    await page.goto(`/appeals/${receipt.number}`)
    await expect.poll(() => page.getByText('вулиця Хрещатик, 24').count()).toBeGreaterThan(0)
    await waitForAppealMap(page)
    expect(await renderedLabels(page, STREETS)).toContain('вулиця Хрещатик')
    await saveScreenshot(page, 'streets-appeal-address')

    const office = await browser.openPage(DESK)
    await signInOnPage(office.page, 'moderator@demo.local', 'demo-moderator', `/office/appeals/${receipt.number}`)
    await openOfficeAppeal(office.page, receipt.number)
    await expect.poll(() => office.page.getByText('вулиця Хрещатик, 24').count()).toBeGreaterThan(0)
    await waitForAppealMap(office.page)
    expect(await renderedLabels(office.page, STREETS)).toContain('вулиця Хрещатик')
    await saveScreenshot(office.page, 'streets-office-address')
  })
})
