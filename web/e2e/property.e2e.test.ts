import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { InvestmentObject, PropertyObjectDetail, PropertyPage } from '../../api/contract/index.ts'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { clickFeature, isLayerChecked, openMap, toggleLayer } from './map-driver.ts'
import { signInOnPage } from './office-driver.ts'
import { waitForMailTo } from './outbox.ts'
import {
  addObjectFile,
  objectFiles,
  appealFact,
  browserReads,
  chooseDistrict,
  csvRecords,
  downloadExport,
  featurePanelHeading,
  importRegister,
  legendEntries,
  listedRows,
  nextRegisterPage,
  objectFacts,
  openListPage,
  openObjectFromList,
  pageLanguageAndHeading,
  registerCounts,
  reportFromObjectPage,
  reportProblemWithObject,
  saveSearch,
  selectRowByKeyboard,
  settledCounts,
  tickChoice,
  typeAreaRangeInHectares,
} from './property-driver.ts'
import { chooseCategory, describeProblem, openAppealPage, pressNext, saveFullPageScreenshot, submitReport } from './report-driver.ts'

const DESK = { width: 1280, height: 900 }

/** The temporary structures of Marhanets (kiosks, seasonal trade) as a layer that takes appeals. */
const APPEALS_LAYER = 'marhanets-appeals'
const KIOSKS = 'marhanets-temporary-structures'

/** Whole square metres as the hectares an investor types ("2.3456"). */
const hectares = (squareMetres: number) => String(squareMetres / 10_000)

describe('property and investment in the browser', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('an investor whose browser reads English filters land plots by area and district, sees the list and the map agree, opens one, and exports the same list as CSV', async () => {
    const { page, record } = await browser.openPage(DESK)
    await browserReads(page, ['en-GB', 'en'])
    // given the offers the API publishes, the city and district with the most land plots
    const all = (await (await page.request.get('/api/investment/objects?limit=1000')).json()) as { items: InvestmentObject[] }
    const land = all.items.filter((o) => o.kind === 'land' && o.district !== null)
    expect(land.length).toBeGreaterThan(2)
    const byPlace = new Map<string, InvestmentObject[]>()
    for (const o of land) byPlace.set(`${o.city}/${o.district!.id}`, [...(byPlace.get(`${o.city}/${o.district!.id}`) ?? []), o])
    const plots = [...byPlace.values()].sort((a, b) => b.length - a.length)[0]!
    const { city, district } = plots[0]!
    // and an area range around the smaller half of that district's plots
    const areas = plots.map((o) => o.area_m2).sort((a, b) => a - b)
    const [low, high] = [Math.floor(areas[0]!), Math.ceil(areas[Math.floor((areas.length - 1) / 2)]!)]
    const [from, to] = [hectares(low), hectares(high)]
    const expected = plots.filter((o) => o.area_m2 >= low && o.area_m2 <= high)
    expect(expected.length).toBeGreaterThan(0)

    // when the investor opens the investment map with no language in the link
    await openListPage(page, `/investment?city=${city}`)
    // then it speaks English
    expect(await pageLanguageAndHeading(page)).toEqual({ lang: 'en', heading: 'Investment map' })
    const before = await settledCounts(page)

    // when they keep land plots, of the district, between the two areas typed in hectares
    await tickChoice(page, /^Kind$/, /^Land plot$/)
    await chooseDistrict(page, district!.name)
    await typeAreaRangeInHectares(page, from, to)

    // then the count, the list and the map all show exactly the plots that satisfy the filters
    const counts = await settledCounts(page)
    expect(counts).toEqual({ matched: expected.length, listed: expected.length, mapped: expected.length, text: `1–${expected.length} of ${expected.length}` })
    expect(counts.matched).toBeLessThanOrEqual(before.matched)
    const rows = await listedRows(page)
    expect(rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(expected.map((o) => o.id).sort((a, b) => a - b))
    for (const row of rows) expect(row.text).toMatch(/Land plot/)
    // and every filter is in the link, in the API's units
    const url = new URL(page.url())
    expect(Object.fromEntries(['city', 'kind', 'district', 'area_unit'].map((k) => [k, url.searchParams.get(k)]))).toEqual({ city, kind: 'land', district: String(district!.id), area_unit: 'ha' })
    expect([url.searchParams.get('area_min'), url.searchParams.get('area_max')]).toEqual([String(low), String(high)])
    // and choosing a row with the keyboard highlights it on the map
    expect(await selectRowByKeyboard(page, rows[0]!.id)).toBe(String(rows[0]!.id))
    await saveFullPageScreenshot(page, 'investment-filtered-en')

    // when they open the link again in a new tab, the same view comes back
    const shared = await browser.openPage(DESK)
    await browserReads(shared.page, ['en-GB', 'en'])
    await openListPage(shared.page, `${url.pathname}${url.search}`)
    expect(await settledCounts(shared.page)).toEqual(counts)
    expect(await shared.page.getByLabel('Area from, ha').inputValue()).toBe(from)

    // when they export the list as CSV
    const csv = await downloadExport(page, 'CSV')
    // then the file has a header and one line per plot listed, and asks for the same filters unpaged
    expect(csv.href).toMatch(/format=csv/)
    expect(csv.href).not.toMatch(/limit=|offset=/)
    expect(csvRecords(csv.text).length - 1).toBe(expected.length)

    // when they open the first plot
    const chosen = expected.find((o) => o.id === rows[0]!.id)!
    await openObjectFromList(page, chosen.id)
    const shown = await objectFacts(page)
    // then its page shows its English title and its facts formatted: hectares for a hectare or more, hryvnias with separators
    expect(shown.heading).toContain(chosen.title.en || chosen.title.uk)
    expect(shown.facts['Kind']).toBe('Land plot')
    expect(shown.facts['Area']).toMatch(chosen.area_m2 >= 10_000 ? /^[\d,.]+ ha$/ : /^[\d,.]+ m²$/)
    if (chosen.start_price !== null) expect(shown.facts[chosen.deal === 'lease' ? 'Starting yearly rent' : 'Starting price']).toBe(`₴${chosen.start_price.toLocaleString('en-GB')}`)
    await page.locator('.property-shape-map[data-ready="true"]').waitFor()
    await saveFullPageScreenshot(page, 'investment-object-en')
    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it('a resident reports a problem with a kiosk from its panel on the map, and the appeal names the kiosk', async () => {
    const { page, record } = await browser.openPage(DESK)
    // given a kiosk of Marhanets's temporary structures, and a category to file under
    const features = (await (await page.request.get(`/api/layers/${KIOSKS}/features?limit=50`)).json()) as { features: Array<{ id: number; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }> }
    const kiosk = features.features.find((f) => f.geometry.type === 'Point' && JSON.stringify(f.properties).toLowerCase().includes('кіоск')) ?? features.features.find((f) => f.geometry.type === 'Point')
    expect(kiosk).toBeDefined()
    const [lon, lat] = kiosk!.geometry.coordinates as [number, number]
    const categories = (await (await page.request.get('/api/appeal-categories?city=marhanets')).json()) as Array<{ id: string; name: { uk: string }; questions: Array<{ required: boolean }> }>
    const answerable = categories.filter((c) => c.questions.every((q) => !q.required))
    const category = answerable.find((c) => /kiosk|structure|trade|споруд|торг|кіоск|МАФ/i.test(`${c.id} ${c.name.uk}`)) ?? answerable[0]!

    // when the resident opens Marhanets's map at the kiosk and turns the temporary structures on
    await openMap(page, `?city=marhanets&map=18.00/${lat.toFixed(5)}/${lon.toFixed(5)}`)
    if (!(await isLayerChecked(page, KIOSKS))) await toggleLayer(page, KIOSKS)
    // The appeals (on by default) sit on the objects they are about: turned off, the kiosk is what a click reaches.
    if (await isLayerChecked(page, APPEALS_LAYER)) await toggleLayer(page, APPEALS_LAYER)
    // and clicks a kiosk
    await clickFeature(page, KIOSKS)
    const clicked = Number(new URL(page.url()).searchParams.get('feature')?.split('/')[1])
    const name = await featurePanelHeading(page)
    await saveFullPageScreenshot(page, 'kiosk-panel')
    // and presses "report a problem with this object"
    const about = await reportProblemWithObject(page)
    // then the report form says which object it is about, and starts at what is wrong
    expect(about).toMatch(/^Про об'єкт: /)
    expect(about).toContain(name)
    expect(await page.locator('.report-sheet').getAttribute('data-step')).toBe('category')

    // when they file it
    await chooseCategory(page, category.id)
    await describeProblem(page, 'Кіоск пошкоджений: розбите скло вітрини.')
    await pressNext(page)
    await pressNext(page)
    await saveFullPageScreenshot(page, 'kiosk-report-review')
    const receipt = await submitReport(page)

    // then the appeal records the object and its page shows it
    const appeal = (await (await page.request.get(`/api/appeals/${receipt.number}`)).json()) as { object: { layer: string | null; feature_id: number; label: string | null } | null }
    expect(appeal.object).toMatchObject({ layer: KIOSKS, feature_id: clicked })
    // and under the very name the form showed
    expect(about).toBe(`Про об'єкт: ${appeal.object!.label}`)
    await openAppealPage(page, receipt.number)
    const fact = await appealFact(page, /^(Об'єкт|Object)$/)
    expect(fact).toContain(appeal.object!.label ?? String(appeal.object!.feature_id))
    await saveFullPageScreenshot(page, 'kiosk-appeal-page')

    // and the kiosk's panel on the map lists it among the open appeals about the kiosk
    await openMap(page, `?city=marhanets&map=18.00/${lat.toFixed(5)}/${lon.toFixed(5)}`)
    if (!(await isLayerChecked(page, KIOSKS))) await toggleLayer(page, KIOSKS)
    if (await isLayerChecked(page, APPEALS_LAYER)) await toggleLayer(page, APPEALS_LAYER)
    await clickFeature(page, KIOSKS)
    const listed = page.locator('.feature-panel__appeals')
    await listed.getByRole('link', { name: receipt.number }).waitFor()
    expect(await listed.locator('h3').textContent()).toMatch(/Відкриті звернення про цей об’єкт: \d+/)
    await saveFullPageScreenshot(page, 'kiosk-panel-with-appeal')
    expect(record.pageErrors).toEqual([])
  })

  it('a resident browses the register a page at a time, opens an object, and reports a problem with it from its page', async () => {
    const { page, record } = await browser.openPage(DESK)
    await browserReads(page, ['uk-UA', 'uk', 'en'])
    // given the first two pages of Kyiv's register as the API gives them
    const pageOf = async (offset: number) => (await (await page.request.get(`/api/property?city=kyiv&limit=100&offset=${offset}`)).json()) as PropertyPage
    const [first, second] = [await pageOf(0), await pageOf(100)]
    expect(first.numberMatched).toBeGreaterThan(100)
    const total = new Intl.NumberFormat('uk-UA').format(first.numberMatched)

    // when the resident opens the register
    await openListPage(page, '/property?city=kyiv')
    // then it counts every match, lists the first hundred, and maps those with a public place
    expect(await registerCounts(page)).toEqual({ matched: first.numberMatched, listed: 100, mapped: first.items.filter((o) => o.geometry).length, text: `1–100 з ${total}` })
    expect((await listedRows(page)).map((r) => r.id)).toEqual(first.items.map((o) => o.id))
    // and its legend names every status
    expect(await legendEntries(page)).toEqual(['Вільний', 'У Переліку першого типу (на аукціон)', 'У Переліку другого типу', 'На аукціоні', 'В оренді', 'Використовується балансоутримувачем', 'Не підлягає оренді'])

    // when they go to the next page
    await nextRegisterPage(page)
    // then the list and the count move on by a hundred
    expect((await registerCounts(page)).text).toBe(`101–200 з ${total}`)
    expect((await listedRows(page)).map((r) => r.id)).toEqual(second.items.map((o) => o.id))
    await saveFullPageScreenshot(page, 'property-register-page-2')

    // when they open an object of that page that has its own feature on the map
    const detail = async (id: number) => (await (await page.request.get(`/api/property/${id}`)).json()) as PropertyObjectDetail
    let chosen: PropertyObjectDetail | undefined
    for (const o of second.items.filter((o) => o.geometry)) if ((chosen = await detail(o.id)).feature) break
    expect(chosen?.feature).toBeTruthy()
    await openObjectFromList(page, chosen!.id)
    const shown = await objectFacts(page)
    // then its page shows its attributes formatted
    expect(shown.heading).toContain(chosen!.name ?? chosen!.address ?? chosen!.register_id)
    expect(shown.facts['Номер у реєстрі']).toBe(chosen!.register_id)
    if (chosen!.area_m2 !== null) expect(shown.facts['Площа']).toMatch(/^[\d\u00a0,]+ (га|м²)$/)
    await saveFullPageScreenshot(page, 'property-object')

    // when they press "report a problem with this object"
    const about = await reportFromObjectPage(page)
    // then the map opens the report about that object, at what is wrong
    expect(about).toBe(`Про об'єкт: ${chosen!.name || chosen!.cadastral_number}`)
    expect(new URL(page.url()).searchParams.get('feature')).toBe(`${chosen!.feature!.layer}/${chosen!.feature!.id}`)
    expect(await page.locator('.report-sheet').getAttribute('data-step')).toBe('category')
    await saveFullPageScreenshot(page, 'property-object-report')
    expect(record.pageErrors).toEqual([])
  })

  it('the property manager imports a small register and sees which line was placed and which was not', async () => {
    const { page, record } = await browser.openPage(DESK)
    // given a Kyiv parcel of the register with its cadastral number, and an address no layer knows
    const land = (await (await page.request.get('/api/property?city=kyiv&kind=land&limit=100')).json()) as PropertyPage
    const parcel = land.items.find((o) => o.cadastral_number !== null && o.geometry !== null)
    expect(parcel).toBeDefined()
    const nowhere = `8000000000:99:${String(Date.now() % 1000).padStart(3, '0')}:9999`
    // and a register file made as a spreadsheet saves it: semicolons, UTF-8
    const folder = await mkdtemp(join(tmpdir(), 'register-'))
    const file = join(folder, 'register.csv')
    const lines = ["Кадастровий номер;Найменування об'єкта;Адреса;Стан", `${parcel!.cadastral_number};Земельна ділянка (імпорт);${parcel!.address ?? ''};вільна`, `${nowhere};Земельна ділянка без місця;вул. Неіснуюча, 999;використовується`]
    await writeFile(file, `${lines.join('\r\n')}\r\n`, 'utf8')

    // when the property manager signs in and imports it on the register page
    await signInOnPage(page, 'property@demo.local', 'demo-property', '/property?city=kyiv&lang=uk')
    await openListPage(page, '/property?city=kyiv&lang=uk')
    const report = await importRegister(page, file)
    await saveFullPageScreenshot(page, 'property-import-report')

    // then both lines are written, the parcel placed by its cadastral number, the other listed without a place
    expect(report).toMatchObject({ written: 2, placed: 1, unplaced: 1, rejected: 0 })
    expect(report.unplacedIds).toEqual([nowhere])
    expect(report.text).toContain('Розміщено за кадастровим номером: 1')
    // and the register has the imported line under its cadastral number, without a place
    const imported = (await (await page.request.get(`/api/property?city=kyiv&q=${encodeURIComponent(nowhere)}`)).json()) as PropertyPage
    expect(imported.items.map((o) => [o.register_id, o.geometry, o.status])).toEqual([[nowhere, null, 'in_use']])

    // when the manager adds a photo and a PDF to the placed parcel's page
    const photo = join(folder, 'parcel.jpg')
    await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: 120, g: 160, b: 90 } } }).jpeg().toFile(photo)
    await page.goto(`/property/${parcel!.id}?lang=uk`)
    await addObjectFile(page, 'photo', photo, 'Вигляд з вулиці')
    await addObjectFile(page, 'document', fileURLToPath(new URL('../../layers/upload/fixtures/sniff/places.pdf', import.meta.url)), 'Витяг з реєстру прав')
    // then the page shows the photo and the document, to anyone
    const shown = await objectFiles(page)
    expect(shown.photos).toEqual(['Вигляд з вулиці'])
    expect(shown.documents).toEqual(['Витяг з реєстру прав'])
    await saveFullPageScreenshot(page, 'property-object-files')
    const pdf = await page.request.get(shown.documentHrefs[0]!)
    expect(pdf.headers()['content-type']).toBe('application/pdf')
    expect(record.pageErrors).toEqual([])
  })

  it('an investor saves a search of the investment map and is asked to confirm it by mail', async () => {
    const { page, record } = await browser.openPage(DESK)
    await browserReads(page, ['en-GB', 'en'])
    // when the investor keeps Kyiv's land plots and saves that search
    await openListPage(page, '/investment?city=kyiv&kind=land&area_unit=ha')
    const email = `investor-${Date.now()}@example.org`
    const { query, said } = await saveSearch(page, email)
    // then the search sent is the page's own filters, the city included
    expect(Object.fromEntries(new URLSearchParams(query))).toEqual({ city: 'kyiv', kind: 'land' })
    // and the page asks them to check their mail, which has the confirmation link
    expect(said).toContain('Check your mail')
    expect(await waitForMailTo(inject('outboxDir'), email)).toMatch(/confirm\?token=[A-Za-z0-9_-]+/)
    await saveFullPageScreenshot(page, 'investment-search-saved')
    expect(record.pageErrors).toEqual([])
  })
})
