import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import {
  catalogueListsLayer,
  clickCluster,
  clickFeature,
  featureAttributes,
  isFeaturePanelOpen,
  isLayerChecked,
  mapCamera,
  openCatalogue,
  openCity,
  panMap,
  pressEscape,
  reloadMap,
  renderedFeatureCount,
  saveScreenshot,
  switchCity,
  switchLanguage,
  toggleLayer,
} from './map-driver.ts'

/** Kyiv's parcels as the map opens with them: the property register (the cadastre's own parcel layer is off by default). */
const PARCELS = 'kyiv-property'
/** Part of the basemap: always drawn, never toggled. */
const DISTRICTS = 'kyiv-districts'
/** A toggleable layer that is off by default. */
const METRO = 'kyiv-metro-stations'
/** A point layer the tiles cluster at low zooms. */
const LICENCES = 'kyiv-alcohol-licenses'
const DESKTOP = { width: 1280, height: 800 }
const PHONE = { width: 390, height: 844 }
/** A Ukrainian cadastral number: KOATUU:zone:quarter:parcel. */
const CADNUM = /^\d{10}:\d{2}:\d{3}:\d{4}$/

describe('the public map of Kyiv', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('draws the land parcels and the districts when Kyiv opens', async () => {
    // given a visitor on a desktop screen
    const { page } = await browser.openPage(DESKTOP)
    // when they open Kyiv
    await openCity(page, 'kyiv')
    // then both default layers are drawn
    await saveScreenshot(page, 'kyiv-map')
    expect(await renderedFeatureCount(page, PARCELS)).toBeGreaterThan(0)
    expect(await renderedFeatureCount(page, DISTRICTS)).toBeGreaterThan(0)
  })

  it('stops drawing a layer that is switched off and draws it again when switched on', async () => {
    // given Kyiv with its parcels drawn
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    expect(await renderedFeatureCount(page, PARCELS)).toBeGreaterThan(0)
    // when the parcels are switched off
    await toggleLayer(page, PARCELS)
    // then none is drawn, and the basemap districts still are
    expect(await renderedFeatureCount(page, PARCELS)).toBe(0)
    expect(await renderedFeatureCount(page, DISTRICTS)).toBeGreaterThan(0)
    // and when they are switched on again, they are drawn again
    await toggleLayer(page, PARCELS)
    expect(await renderedFeatureCount(page, PARCELS)).toBeGreaterThan(0)
  })

  it('draws a layer that is off by default once it is switched on', async () => {
    // given Kyiv with the metro stations off
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    expect(await renderedFeatureCount(page, METRO)).toBe(0)
    // when they are switched on
    await toggleLayer(page, METRO)
    // then they are drawn
    expect(await renderedFeatureCount(page, METRO)).toBeGreaterThan(0)
  })

  it("shows a clicked parcel's attributes with their labels and closes on Escape", async () => {
    // given Kyiv's parcels on the map
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    // when a parcel is clicked
    await clickFeature(page, PARCELS)
    // then its cadastral number is shown under its Ukrainian label
    await saveScreenshot(page, 'kyiv-map-feature')
    const attributes = await featureAttributes(page)
    expect(attributes['Кадастровий номер']).toMatch(CADNUM)
    // and Escape closes the panel
    await pressEscape(page)
    expect(await isFeaturePanelOpen(page)).toBe(false)
  })

  it('zooms in on a clicked cluster of points instead of selecting it', async () => {
    // given Kyiv's alcohol licences, merged into clusters at the city's zoom
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    await toggleLayer(page, LICENCES)
    const before = await mapCamera(page)
    // when a cluster is clicked
    await clickCluster(page, LICENCES)
    // then the map zooms in and nothing is selected
    expect((await mapCamera(page)).zoom).toBeGreaterThan(before.zoom)
    expect(await isFeaturePanelOpen(page)).toBe(false)
  })

  it('restores the city, camera, layers and selected feature from the URL on reload', async () => {
    // given a view with the metro stations on, the map moved and a parcel selected
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    await toggleLayer(page, METRO)
    await panMap(page, -120, 80)
    await clickFeature(page, PARCELS)
    const camera = await mapCamera(page)
    const selected = await featureAttributes(page)
    const url = page.url()
    // when the page is reloaded
    await reloadMap(page)
    // then the same view comes back
    expect(page.url()).toBe(url)
    const restored = await mapCamera(page)
    expect(restored.zoom).toBeCloseTo(camera.zoom, 1)
    expect(restored.lat).toBeCloseTo(camera.lat, 4)
    expect(restored.lon).toBeCloseTo(camera.lon, 4)
    expect(await isLayerChecked(page, METRO)).toBe(true)
    expect(await isLayerChecked(page, PARCELS)).toBe(true)
    await page.locator('.feature-panel__attributes').waitFor()
    expect(await featureAttributes(page)).toEqual(selected)
  })

  it("shows another city's catalogue and map after switching city", async () => {
    // given Kyiv
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    // when the visitor switches to Kharkiv
    await switchCity(page, 'kharkiv')
    // then the catalogue is Kharkiv's and its basemap districts are drawn
    expect(await catalogueListsLayer(page, 'kharkiv-alcohol-licenses')).toBe(true)
    expect(await catalogueListsLayer(page, PARCELS)).toBe(false)
    expect(await renderedFeatureCount(page, 'kharkiv-districts')).toBeGreaterThan(0)
    expect(await renderedFeatureCount(page, PARCELS)).toBe(0)
  })

  it('switches the interface to English', async () => {
    // given Kyiv in Ukrainian
    const { page } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    // when the visitor picks English
    await switchLanguage(page, 'en')
    // then the page says so and the catalogue speaks English
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(await page.locator('#catalogue-heading').innerText()).toBe('Layers')
    expect(page.url()).toContain('lang=en')
  })

  it('fits a phone screen with the catalogue in a bottom sheet', async () => {
    // given a visitor on a phone
    const { page } = await browser.openPage(PHONE)
    // when they open Kyiv
    await openCity(page, 'kyiv')
    // then the map is drawn and the catalogue waits collapsed under it
    await saveScreenshot(page, 'kyiv-map-phone')
    expect(await renderedFeatureCount(page, PARCELS)).toBeGreaterThan(0)
    expect(await page.locator(`input[data-layer-id="${PARCELS}"]`).isVisible()).toBe(false)
    // and opening the sheet shows the layer toggles
    await openCatalogue(page)
    expect(await page.locator(`input[data-layer-id="${PARCELS}"]`).isVisible()).toBe(true)
    await saveScreenshot(page, 'kyiv-map-phone-catalogue')
  })

  it('logs no errors and requests nothing outside its own origin', async () => {
    // given a visitor who opens Kyiv, switches a layer, selects a parcel and changes the language
    const { page, record } = await browser.openPage(DESKTOP)
    await openCity(page, 'kyiv')
    await toggleLayer(page, METRO)
    await clickFeature(page, PARCELS)
    await switchLanguage(page, 'en')
    // then nothing went wrong, and nothing was fetched from elsewhere (fonts and glyphs included)
    expect(record.consoleErrors).toEqual([])
    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })
})
