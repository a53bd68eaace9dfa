import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { jpegWithGps } from '../../api/appeals/testing.ts'
import { buildZip } from '../../layers/upload/testing.ts'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { clickFeature, openCatalogue, openMap, renderedFeatureCount, saveScreenshot } from './map-driver.ts'
import { signInOnPage } from './office-driver.ts'
import {
  answerOnPage,
  attachDocumentInCabinet,
  answerShown,
  catalogueLegend,
  chooseFeatureFromList,
  consultationMapReady,
  changedFeatureCount,
  changeStatus,
  chooseCrs,
  crsSuggestions,
  createDraft,
  encodingCandidates,
  labelField,
  layerFromFile,
  layerStatus,
  hideOnPage,
  listedDocuments,
  markAreaOnConsultationMap,
  openConsultationInCabinet,
  openCabinet,
  planningLegend,
  previewFeatureCount,
  publishNewVersion,
  reportFacts,
  sendComment,
  styleByCategory,
  tapConsultationMap,
  uploadFile,
} from './planning-driver.ts'
import { saveFullPageScreenshot } from './report-driver.ts'

const PHONE = { width: 390, height: 844 }
const DESK = { width: 1280, height: 900 }

/** A zipped Shapefile in UCS-2000 / Ukraine TM zone 10 with CP1251 attributes and no .cpg: three parcels in Zhytomyr and one without a geometry. */
const PARCELS = 'layers/upload/fixtures/upload/parcels-ucs2000-cp1251.zip'
/** A PDF map made by `ogr2ogr -f PDF` (GDAL). */
const PLAN_PDF = 'layers/upload/fixtures/sniff/places.pdf'

/** The same Shapefile zipped without its .prj: a file that does not say its coordinate system. */
function parcelsWithoutPrj(): string {
  const zip = join(mkdtempSync(join(tmpdir(), 'hromada-e2e-')), 'ділянки-без-prj.zip')
  const part = (ext: string) => ({ name: `parcels-cp1251-bare.${ext}`, data: readFileSync(resolve(`layers/upload/fixtures/shapefile/parcels-cp1251-bare.${ext}`)) })
  writeFileSync(zip, buildZip([part('shp'), part('shx'), part('dbf')]))
  return zip
}

describe('a planner publishes a layer from the browser', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('uploads a Shapefile, checks the report and the preview, styles it by category, and opens it for consultation on the public map', async () => {
    const layerId = `zhytomyr-parcels-${Date.now().toString(36)}`
    // given a planner signed in, in the cabinet of Zhytomyr
    const planner = await browser.openPage(DESK)
    await signInOnPage(planner.page, 'planner@demo.local', 'demo-planner', '/planning/cabinet?city=zhytomyr')
    await openCabinet(planner.page, 'zhytomyr')

    // when the planner uploads the zipped Shapefile
    await uploadFile(planner.page, PARCELS)

    // then the report names the system and the encoding the file did not state, and the fields read right
    const facts = await reportFacts(planner.page)
    expect(facts.crs).toMatch(/UCS-2000 \/ Ukraine TM zone 10/)
    expect(facts.crs).toContain('EPSG:6384')
    expect(facts.encoding).toMatch(/windows-1251/)
    expect(facts.fields).toEqual(expect.arrayContaining(['name', 'тип', 'area', 'code']))
    expect((await encodingCandidates(planner.page)).join('\n')).toContain('Житомирська міська рада')
    // and the preview map draws the three parcels that have a geometry
    expect(await previewFeatureCount(planner.page)).toBe(3)
    await saveFullPageScreenshot(planner.page, 'planning-upload-report')

    // when the planner labels two fields, colours the parcels by their type and creates the draft
    await labelField(planner.page, 'name', 'Назва', 'Name')
    await labelField(planner.page, 'тип', 'Призначення', 'Use')
    const categories = await styleByCategory(planner.page, 'тип')
    expect(categories.sort()).toEqual(['адміністративна будівля', 'зелена зона', 'ґанок'])
    await createDraft(planner.page, { id: layerId, titleUk: 'Ділянки біля міськради', titleEn: 'Parcels by the city hall' })
    expect(await layerStatus(planner.page)).toMatch(/Чернетка/)
    // a draft is not on the public map
    expect((await (await planner.page.request.get('/api/layers?city=zhytomyr')).json()).map((l: { id: string }) => l.id)).not.toContain(layerId)
    // and the editor previews the layer's own features with its style
    expect(await previewFeatureCount(planner.page)).toBe(3)
    await saveFullPageScreenshot(planner.page, 'planning-editor-draft')

    // when the planner opens it for consultation
    await changeStatus(planner.page, /Винести на обговорення/, /Громадське обговорення/)
    await planner.page.setViewportSize(PHONE)
    await saveFullPageScreenshot(planner.page, 'planning-editor-phone')

    // then a resident on a phone finds it in the Planning section with its legend
    const resident = await browser.openPage(PHONE)
    await resident.page.goto('/planning?city=zhytomyr')
    // on the section's map with the city's other plans
    await resident.page.locator('.plans-map canvas').waitFor()
    expect(Number(await resident.page.locator('.plans-map').getAttribute('data-plans'))).toBeGreaterThanOrEqual(1)
    const legend = await planningLegend(resident.page, layerId)
    expect(legend.sort()).toEqual(['адміністративна будівля', 'зелена зона', 'ґанок'])
    await saveFullPageScreenshot(resident.page, 'planning-public-phone')

    // and on the public map, drawn where the parcels are, with the same legend in the catalogue
    const layer = (await (await resident.page.request.get(`/api/layers/${layerId}`)).json()) as { bbox: [number, number, number, number] }
    const [w, s, e, n] = layer.bbox
    await openMap(resident.page, `?city=zhytomyr&layers=${layerId}&map=16.00/${((s + n) / 2).toFixed(5)}/${((w + e) / 2).toFixed(5)}`)
    expect(await renderedFeatureCount(resident.page, layerId)).toBeGreaterThan(0)
    await saveScreenshot(resident.page, 'planning-public-map-phone')
    await openCatalogue(resident.page)
    expect((await catalogueLegend(resident.page, layerId)).sort()).toEqual(['адміністративна будівля', 'зелена зона', 'ґанок'])
    await saveScreenshot(resident.page, 'planning-public-catalogue-phone')

    // when the planner publishes a revision in which one parcel changed its use and another is gone
    const first = (await (await planner.page.request.get(`/api/layers/${layerId}/versions/1/export.geojson`)).json()) as { features: Array<{ properties: Record<string, unknown> }> }
    const [changed, , ...kept] = first.features
    changed!.properties['тип'] = 'сквер'
    const revised = join(mkdtempSync(join(tmpdir(), 'hromada-e2e-')), 'ділянки-редакція-2.geojson')
    writeFileSync(revised, JSON.stringify({ type: 'FeatureCollection', features: [changed, ...kept] }))
    await planner.page.setViewportSize(DESK)
    const summary = await publishNewVersion(planner.page, revised, 'code')
    // then the cabinet says what the server found changed, and draws each change on the map
    const [latest] = (await (await planner.page.request.get(`/api/layers/${layerId}/versions`)).json()) as Array<{ revision: number; added: number; removed: number; changed: number }>
    expect(latest).toMatchObject({ revision: 2, added: 0, removed: 1 })
    // The parcel whose use changed is among the changed ones (the rest of the file comes from a rounded export).
    expect(latest!.changed).toBeGreaterThanOrEqual(1)
    expect(summary).toContain(`Редакцію 2 опубліковано: додано 0, вилучено 1, змінено ${latest!.changed}.`)
    expect(await changedFeatureCount(planner.page)).toBe(latest!.removed + latest!.changed)
    await saveFullPageScreenshot(planner.page, 'planning-version-changes')

    expect(planner.record.pageErrors).toEqual([])
    expect(resident.record.pageErrors).toEqual([])
  })

  it('asks for the coordinate system of a file that does not say it, on a phone, and previews the file read with the one chosen', async () => {
    const planner = await browser.openPage(PHONE)
    await signInOnPage(planner.page, 'planner@demo.local', 'demo-planner', '/planning/cabinet?city=zhytomyr')
    await openCabinet(planner.page, 'zhytomyr')
    await uploadFile(planner.page, parcelsWithoutPrj())
    expect((await reportFacts(planner.page)).crs).toMatch(/Невідома система координат/)
    expect(await crsSuggestions(planner.page)).not.toEqual([])
    await saveFullPageScreenshot(planner.page, 'planning-unknown-crs-phone')

    await chooseCrs(planner.page, 'EPSG:6384')
    expect((await reportFacts(planner.page)).crs).toMatch(/UCS-2000 \/ Ukraine TM zone 10/)
    expect(await previewFeatureCount(planner.page)).toBe(3)
    await saveFullPageScreenshot(planner.page, 'planning-chosen-crs-phone')
    expect(planner.record.pageErrors).toEqual([])
  })

  it('opens a consultation; a resident comments on a phone, on the map, from the list and on an area; the planner answers; a moderator hides one; the protocol downloads', async () => {
    const layerId = `zhytomyr-plan-${Date.now().toString(36)}`
    // given a planner with a layer under consultation, who opens a consultation from its editor
    const planner = await browser.openPage(DESK)
    await signInOnPage(planner.page, 'planner@demo.local', 'demo-planner', '/planning/cabinet?city=zhytomyr')
    await layerFromFile(planner.page, PARCELS, { id: layerId, city: 'zhytomyr', status: 'consultation', titleUk: 'Детальний план кварталу', titleEn: 'Detailed plan of the block' })
    const consultationId = await openConsultationInCabinet(planner.page, layerId)
    // with the council's decision attached as a PDF
    await attachDocumentInCabinet(planner.page, PLAN_PDF, { titleUk: 'Рішення про розроблення детального плану', decisionNumber: '1234/56' })
    await saveFullPageScreenshot(planner.page, 'consultation-cabinet')

    // when a resident on a phone signs in from the consultation's page and taps a parcel on the map
    const resident = await browser.openPage(PHONE)
    const page = `/planning/consultations/${consultationId}`
    await resident.page.goto(page)
    await resident.page.getByRole('link', { name: /Увійдіть, щоб залишити коментар/ }).click()
    await signInOnPage(resident.page, 'resident@demo.local', 'demo-resident', page)
    await consultationMapReady(resident.page)
    // the plan's documents are on the page, and open
    const [decision] = await listedDocuments(resident.page)
    expect(decision!.title).toBe('Рішення про розроблення детального плану')
    const pdfFile = await resident.page.request.get(decision!.href)
    expect([pdfFile.status(), pdfFile.headers()['content-type']]).toEqual([200, 'application/pdf'])
    // The map is fitted to the plan: its middle is on or near the parcels.
    const place = await tapConsultationMap(resident.page, 0.5, 0.5)
    expect(place).toMatch(/^(feature:\d+|point)$/)
    const onMap = await sendComment(resident.page, 'Просимо зберегти сквер біля міськради: там гуляють діти.')
    expect(onMap).toMatch(/^ZHYTOMYR-K-\d{4}-\d{6}$/)
    await saveFullPageScreenshot(resident.page, 'consultation-comment-phone')

    // and comments on a parcel chosen from the list, the way without a map
    const option = await chooseFeatureFromList(resident.page, 1)
    expect(await resident.page.locator('.consultation__place').getAttribute('data-place')).toMatch(/^feature:\d+$/)
    const fromList = await sendComment(resident.page, `Щодо «${option}»: тут потрібен пандус.`)
    expect(fromList).not.toBe(onMap)
    // and on an area marked by tapping its corners
    expect(await markAreaOnConsultationMap(resident.page, [[0.45, 0.45], [0.55, 0.45], [0.5, 0.55]])).toBe('area:3')
    // with a photo from the phone's camera, its location metadata and all
    const photoPath = join(mkdtempSync(join(tmpdir(), 'hromada-e2e-')), 'IMG_0042.jpg')
    writeFileSync(photoPath, await jpegWithGps(1600, 1200))
    await resident.page.getByLabel(/^(Фото \(за бажанням\)|Photo \(optional\))$/).setInputFiles(photoPath)
    const onArea = await sendComment(resident.page, 'Тут просимо залишити зелену зону.')
    const shownPhoto = resident.page.locator(`li[data-receipt="${onArea}"] .comment__photo img`)
    await shownPhoto.waitFor()
    await expect.poll(() => shownPhoto.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
    // then all three are listed, awaiting an answer
    await expect.poll(() => resident.page.locator('li[data-receipt]').count()).toBe(3)
    const comments = (await (await resident.page.request.get(`/api/consultations/${consultationId}/comments`)).json()) as Array<{ receipt: string; feature_id: number | null; geometry: { type: string } }>
    expect(comments.find((c) => c.receipt === fromList)!.feature_id).toBeGreaterThan(0)
    expect(comments.find((c) => c.receipt === onArea)!.geometry.type).toBe('Polygon')

    // when the planner answers one, rejecting it with a reason
    await planner.page.goto(page)
    await answerOnPage(planner.page, onMap, /^Відхилено$/, 'Сквер не змінюється: ділянка лишається рекреаційною зоною.')
    await saveFullPageScreenshot(planner.page, 'consultation-answered')

    // then the resident reads the answer, set apart and with its outcome
    await resident.page.reload()
    await resident.page.locator(`li[data-receipt="${onMap}"] .comment__answer`).waitFor()
    const answer = await answerShown(resident.page, onMap)
    expect(answer).toContain('Відповідь міської ради')
    expect(answer).toContain('Відхилено')
    expect(answer).toContain('рекреаційною зоною')
    await saveFullPageScreenshot(resident.page, 'consultation-answer-phone')

    // when a moderator hides the comment on the area, with a reason
    const moderator = await browser.openPage(DESK)
    await signInOnPage(moderator.page, 'moderator@demo.local', 'demo-moderator', page)
    await hideOnPage(moderator.page, onArea, 'Повторює інший коментар')
    // then the public list no longer has it, and the protocol keeps its number and the reason
    await resident.page.reload()
    await resident.page.locator(`li[data-receipt="${onMap}"]`).waitFor()
    expect(await resident.page.locator(`li[data-receipt="${onArea}"]`).count()).toBe(0)

    // and the plan's decision is in the panel of a feature clicked on the public map
    const layer = (await (await resident.page.request.get(`/api/layers/${layerId}`)).json()) as { bbox: [number, number, number, number] }
    const [w, s, e, n] = layer.bbox
    await openMap(resident.page, `?city=zhytomyr&layers=${layerId}&map=17.00/${((s + n) / 2).toFixed(5)}/${((w + e) / 2).toFixed(5)}`)
    await clickFeature(resident.page, layerId)
    await resident.page.locator('.feature-panel__documents li', { hasText: 'Рішення про розроблення детального плану' }).waitFor()
    await resident.page.goto(page)

    // and the protocol downloads from the page's links: a PDF, and a CSV with both comments and the answer
    const pdfHref = await resident.page.getByRole('link', { name: 'PDF' }).getAttribute('href')
    const pdf = await resident.page.request.get(pdfHref!)
    expect(pdf.headers()['content-type']).toContain('application/pdf')
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
    const csv = await (await resident.page.request.get((await resident.page.getByRole('link', { name: 'CSV' }).getAttribute('href'))!)).text()
    for (const expected of [onMap, fromList, 'рекреаційною зоною', onArea, 'Повторює інший коментар']) expect(csv).toContain(expected)
    expect(csv).not.toContain('Тут просимо залишити зелену зону')
    // and nothing in the public answers names the resident
    const pub = await (await resident.page.request.get(`/api/consultations/${consultationId}/comments`)).text()
    expect(pub).not.toMatch(/resident@demo\.local|Мешканка|Мешканець/)

    expect(planner.record.pageErrors).toEqual([])
    expect(resident.record.pageErrors).toEqual([])
    expect(moderator.record.pageErrors).toEqual([])
  })

  it("publishes a department's layer only after a second person approves it", async () => {
    const layerId = `kyiv-transport-${Date.now().toString(36)}`
    // given a publisher of the transport office who asks to open their layer for consultation
    const publisher = await browser.openPage(DESK)
    await signInOnPage(publisher.page, 'publisher@demo.local', 'demo-publisher', '/planning/cabinet?city=kyiv')
    const stops = join(mkdtempSync(join(tmpdir(), 'hromada-e2e-')), 'зупинки.geojson')
    const stop = (name: string, lon: number, lat: number) => ({ type: 'Feature', properties: { name }, geometry: { type: 'Point', coordinates: [lon, lat] } })
    writeFileSync(stops, JSON.stringify({ type: 'FeatureCollection', features: [stop('Майдан Незалежності', 30.5243, 50.4501), stop('Поштова площа', 30.5296, 50.4589)] }))
    await layerFromFile(publisher.page, stops, { id: layerId, city: 'kyiv', status: 'consultation', titleUk: 'Зупинки, що переносяться', titleEn: 'Stops being moved' })
    await publisher.page.goto(`/planning/cabinet/layers/${layerId}`)
    // then the layer is a draft waiting for approval, which its publisher cannot give
    await publisher.page.locator('.layer-review[data-review-status="consultation"]').waitFor()
    expect(await layerStatus(publisher.page)).toMatch(/Чернетка/)
    expect(await publisher.page.locator('.layer-review').innerText()).toContain('свою публікацію схвалити не можна')
    expect((await publisher.page.request.get(`/api/layers/${layerId}`)).status()).toBe(404)
    await saveFullPageScreenshot(publisher.page, 'publisher-waiting')

    // when a planner approves it
    const planner = await browser.openPage(DESK)
    await signInOnPage(planner.page, 'planner@demo.local', 'demo-planner', `/planning/cabinet/layers/${layerId}`)
    await planner.page.getByRole('button', { name: 'Схвалити публікацію' }).click()
    // then it is public, under consultation
    await expect.poll(() => layerStatus(planner.page)).toMatch(/Громадське обговорення/)
    expect((await planner.page.request.get(`/api/layers/${layerId}`)).status()).toBe(200)
    expect(publisher.record.pageErrors).toEqual([])
    expect(planner.record.pageErrors).toEqual([])
  })
})
