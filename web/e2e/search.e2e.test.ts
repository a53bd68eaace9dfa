import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { featureAttributes, isLayerChecked, mapCamera, openCity, openMap, waitForMapIdle } from './map-driver.ts'
import { saveFullPageScreenshot } from './report-driver.ts'
import {
  clickResultMarker,
  countSearchRequests,
  hoverListResult,
  openPhoneSearch,
  openSearchPage,
  placePin,
  pressInHeaderSearch,
  readCombobox,
  searchPage,
  suggestions,
  typeInHeaderSearch,
  waitForSearchPage,
  waitForSearchStatus,
} from './search-driver.ts'

const PHONE = { width: 390, height: 844 }
const DESK = { width: 1280, height: 900 }

/** Kyiv's main street: the demo's alcohol licences and polling stations have addresses on it. */
const STREET = 'Хрещатик'

/** Kyiv's metro stations: one of them is called Хрещатик. */
const METRO = 'kyiv-metro-stations'

/** Kyiv's abandoned and dangerous buildings: «Покинуті та аварійні будівлі». */
const ABANDONED = 'kyiv-abandoned-buildings'

interface FoundResult {
  kind: string
  title: string
  point?: [number, number]
  bbox?: [number, number, number, number]
  url?: string
}

describe('one search box for the city', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('a resident types a street in the header, picks an address with the keyboard alone, and the map centres on it with a pin', async () => {
    const { page, record } = await browser.openPage(DESK)
    // given Kyiv's map
    await openCity(page, 'kyiv')
    const requests = countSearchRequests(page)

    // when one letter is typed, nothing is asked
    await typeOneLetter(page)
    expect(requests.count()).toBe(0)

    // when the street is typed in the header's box
    await typeInHeaderSearch(page, STREET)
    const status = await waitForSearchStatus(page, /результат/)
    const shown = await suggestions(page)
    // then the list opens with addresses on the street, each labelled by its kind, and the status counts them
    expect(status).toBe(`${shown.length} ${shown.length === 1 ? 'результат' : shown.length < 5 ? 'результати' : 'результатів'}`)
    expect(shown.some((s) => s.kind === 'Адреса' && /Хрещатик/i.test(s.title))).toBe(true)
    expect(requests.count()).toBeGreaterThanOrEqual(1)
    // typing was debounced: far fewer requests than keystrokes
    expect(requests.count()).toBeLessThan(STREET.length)
    let reading = await readCombobox(page)
    expect(reading).toMatchObject({ expanded: 'true', controlsListbox: true, activeOption: null, focused: true })

    // and the arrows, Home and End move the active option while the focus stays in the box
    await pressInHeaderSearch(page, 'ArrowDown')
    reading = await readCombobox(page)
    expect(reading.activeOption).toBe(shown[0]!.title)
    await pressInHeaderSearch(page, 'End')
    expect((await readCombobox(page)).activeOption).toBe(shown.at(-1)!.title)
    await pressInHeaderSearch(page, 'ArrowDown')
    expect((await readCombobox(page)).activeOption).toBe(shown[0]!.title)
    await pressInHeaderSearch(page, 'ArrowUp')
    expect((await readCombobox(page)).activeOption).toBe(shown.at(-1)!.title)
    await pressInHeaderSearch(page, 'Home')
    expect((await readCombobox(page)).activeOption).toBe(shown[0]!.title)
    await saveFullPageScreenshot(page, 'search-combobox-open')

    // when ArrowDown reaches the first address and Enter chooses it
    const target = shown.findIndex((s) => s.kind === 'Адреса')
    for (let step = 0; step < target; step++) await pressInHeaderSearch(page, 'ArrowDown')
    const chosen = shown[target]!
    expect((await readCombobox(page)).activeOption).toBe(chosen.title)
    expect((await suggestions(page))[target]!.selected).toBe(true)
    const found = (await (await page.request.get(`/api/search?city=kyiv&q=${encodeURIComponent(STREET)}&limit=8`)).json()) as { results: FoundResult[] }
    const point = found.results.find((r) => r.kind === 'address' && r.title === chosen.title)?.point
    expect(point).toBeDefined()
    await pressInHeaderSearch(page, 'Enter')

    // then the map page centres on the address at a single building, with a pin named by it
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('pin'))
    await waitForMapIdle(page)
    const camera = await mapCamera(page)
    expect(camera.zoom).toBeCloseTo(17, 1)
    expect(camera.lon).toBeCloseTo(point![0], 4)
    expect(camera.lat).toBeCloseTo(point![1], 4)
    expect(await placePin(page)).toEqual({ name: chosen.title, label: chosen.title })
    expect((await readCombobox(page)).expanded).toBe('false')
    await saveFullPageScreenshot(page, 'search-address-on-map')

    // and Escape closes an open list, then clears the box
    await typeInHeaderSearch(page, STREET)
    await pressInHeaderSearch(page, 'Escape')
    expect((await readCombobox(page)).expanded).toBe('false')
    await pressInHeaderSearch(page, 'Escape')
    expect(await page.locator('.app-header [role="combobox"]').inputValue()).toBe('')

    // and Back returns to the map as it was before the search
    await page.goBack()
    await page.waitForURL((url) => !url.searchParams.has('pin'))
    await expect.poll(() => page.locator('[data-testid="place-pin"]').count()).toBe(0)

    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it('Enter on the text opens the search page: every result in a list beside a map, linked both ways', async () => {
    const { page, record } = await browser.openPage(DESK)
    await openCity(page, 'kyiv')
    // when the street is typed and Enter pressed with no suggestion chosen
    await typeInHeaderSearch(page, STREET)
    await pressInHeaderSearch(page, 'Enter')
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === STREET && url.searchParams.get('city') === 'kyiv')
    await waitForSearchPage(page)

    // then the page names the query and lists every result, as many as the API gives, with those that have a place on the map
    const found = (await (await page.request.get(`/api/search?city=kyiv&q=${encodeURIComponent(STREET)}&limit=50`)).json()) as { results: FoundResult[] }
    const shown = await searchPage(page)
    expect(shown.heading).toBe(`Пошук: «${STREET}»`)
    expect(await page.title()).toMatch(new RegExp(`^Пошук: «${STREET}»`))
    expect(shown.count).toBe(found.results.length)
    expect(shown.results.map((r) => r.title)).toEqual(found.results.map((r) => r.title))
    expect(shown.results.length).toBeGreaterThan(0)
    expect(shown.markers).toBe(found.results.filter((r) => r.point).length)
    expect(shown.boxes).toBe(found.results.filter((r) => r.bbox && !r.point).length)
    // and each address links to the map at its place
    const address = shown.results.findIndex((r) => r.kind === 'Адреса')
    expect(shown.results[address]!.href).toMatch(/^\/\?city=kyiv&map=17\.00\/.*&pin=/)

    // when a result of the list is pointed at, the map highlights it; when a marker is clicked, the list does
    expect(await hoverListResult(page, address)).toBe(address)
    const other = found.results.findIndex((r, i) => r.point && i !== address)
    expect(await clickResultMarker(page, other)).toEqual({ listHighlighted: other, markerHighlighted: true })
    await saveFullPageScreenshot(page, 'search-page-desk')

    // when the result's link is followed, the map shows the address with its pin
    await page.locator('.search-results__link').nth(address).click()
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.has('pin'))
    await waitForMapIdle(page)
    expect((await placePin(page)).name).toBe(shown.results[address]!.title)

    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it('a layer found is turned on, and an object found is selected on the map with its layer drawn', async () => {
    const { page, record } = await browser.openPage(DESK)
    // given Kyiv's map with no layer drawn
    await openMap(page, '?city=kyiv&layers=')
    expect(await visibleLayers(page)).not.toContain(ABANDONED)

    // when the layer's name is typed and its suggestion chosen with the keyboard
    await typeInHeaderSearch(page, 'Покинуті')
    await waitForSearchStatus(page, /результат/)
    const layerAt = (await suggestions(page)).findIndex((s) => s.kind === 'Шар' && s.title === 'Покинуті та аварійні будівлі')
    expect(layerAt).toBeGreaterThanOrEqual(0)
    for (let step = 0; step <= layerAt; step++) await pressInHeaderSearch(page, 'ArrowDown')
    await pressInHeaderSearch(page, 'Enter')

    // then the map draws the layer and the catalogue shows it on
    await page.waitForURL((url) => url.searchParams.get('show') === ABANDONED)
    await waitForMapIdle(page)
    expect(await visibleLayers(page)).toContain(ABANDONED)
    expect(await isLayerChecked(page, ABANDONED)).toBe(true)
    expect(await visibleLayers(page)).not.toContain(METRO)

    // when a metro station found on the search page is followed
    await openSearchPage(page, 'kyiv', STREET)
    const station = (await searchPage(page)).results.findIndex((r) => r.kind === 'Об’єкт' && r.title === STREET)
    expect(station).toBeGreaterThanOrEqual(0)
    await page.locator('.search-results__link').nth(station).click()

    // then the map opens at the station, selected, with its layer drawn and its attributes shown
    await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('feature')?.startsWith(`${METRO}/`) === true)
    await waitForMapIdle(page)
    expect(await visibleLayers(page)).toContain(METRO)
    await page.locator('.feature-panel__attributes').waitFor()
    expect(await featureAttributes(page)).toMatchObject({ 'Назва станції': STREET })
    await saveFullPageScreenshot(page, 'search-object-selected')

    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it('on a phone the search is a button that opens a full-width box, and the search page stacks its map above the list', async () => {
    const { page, record } = await browser.openPage(PHONE)
    await openSearchPage(page, 'kyiv', STREET)
    const shown = await searchPage(page)
    expect(shown.results.length).toBeGreaterThan(0)
    // the header shows a button, not the box, until the button is pressed
    const opened = await openPhoneSearch(page)
    expect(opened).toEqual({ shownBefore: false, shownAfter: true, focused: true, toggleExpanded: 'true' })
    const box = await page.locator('.app-header [role="combobox"]').boundingBox()
    expect(box!.width).toBeGreaterThan(PHONE.width * 0.6)
    await page.keyboard.type('Хрещ', { delay: 40 })
    await page.locator('.app-header [role="combobox"][aria-expanded="true"]').waitFor()
    expect((await suggestions(page)).length).toBeGreaterThan(0)
    await saveFullPageScreenshot(page, 'search-phone')
    // and a press on "all results" under the suggestions opens the search page for the text as typed
    await page.locator('.app-header .search-box__all').click()
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'Хрещ')
    await waitForSearchPage(page)
    expect((await searchPage(page)).heading).toBe('Пошук: «Хрещ»')
    await openPhoneSearch(page)
    // and a text that finds nothing says so
    await page.locator('.app-header [role="combobox"]').fill('ЖЖЖЖЖЖЖЖЖЖ')
    expect(await waitForSearchStatus(page, /Нічого не знайдено/)).toBe('Нічого не знайдено')
    await expect.poll(() => page.locator('.app-header .search-box__status[data-visible="true"]').isVisible()).toBe(true)

    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })
})

/** The catalogue layers the map draws now. */
async function visibleLayers(page: import('../../scripts/browser/index.ts').Page): Promise<string[]> {
  return page.evaluate(() => window.__hromadaMap?.visibleLayerIds() ?? [])
}

/** Types a single letter in the header's box, waits longer than the debounce, and clears it. */
async function typeOneLetter(page: import('../../scripts/browser/index.ts').Page): Promise<void> {
  const box = page.locator('.app-header [role="combobox"]')
  await box.click()
  await page.keyboard.type('Х')
  await page.waitForTimeout(600)
  await box.fill('')
}
