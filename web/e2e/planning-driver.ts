/** Steps of the planner's cabinet and the public Planning section as people take them: by labels and roles. */
import { readFile } from 'node:fs/promises'
import type { Page } from '../../scripts/browser/index.ts'

/** How long the server may take to read an upload, draw a preview or publish a layer. */
const STEP_TIMEOUT_MS = 60_000

/** Opens the planner's cabinet on a city and waits for its upload field. */
export async function openCabinet(page: Page, cityId: string): Promise<void> {
  await page.goto(`/planning/cabinet?city=${encodeURIComponent(cityId)}`)
  await page.getByRole('heading', { level: 1, name: /Кабінет планувальника|Planner's cabinet/ }).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Chooses a file in the upload field and waits for the server's report. */
export async function uploadFile(page: Page, path: string): Promise<void> {
  await page.getByLabel(/^(Файл шару|Layer file)$/).setInputFiles(path)
  await page.locator('#upload-report-heading').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** What the report says of the file: its coordinate system and its encoding. */
export async function reportFacts(page: Page): Promise<{ crs: string; encoding: string; fields: string[] }> {
  return {
    crs: await page.getByTestId('upload-crs').innerText(),
    encoding: await page.getByTestId('upload-encoding').innerText(),
    fields: await page.locator('.upload-report__fields tbody th').allInnerTexts(),
  }
}

/** The encodings the report offers side by side, with the values each reads. */
export async function encodingCandidates(page: Page): Promise<string[]> {
  return page.locator('.encoding-candidates li').allInnerTexts()
}

/**
 * How many features a preview map draws, once it has drawn some: the first map on the page
 * that counts more than zero (maps mark their count in `data-rendered-features`).
 */
export async function previewFeatureCount(page: Page): Promise<number> {
  const map = page.locator('.feature-map[data-rendered-features]:not([data-rendered-features="0"])').first()
  await map.waitFor({ timeout: STEP_TIMEOUT_MS })
  return Number(await map.getAttribute('data-rendered-features'))
}

/** Labels a field of the layer in both languages. */
export async function labelField(page: Page, field: string, uk: string, en: string): Promise<void> {
  await page.getByLabel(`Підпис поля ${field} українською`).fill(uk)
  await page.getByLabel(`Підпис поля ${field} англійською`).fill(en)
}

/** Colours the layer by the categories of a field; returns the values it found. */
export async function styleByCategory(page: Page, field: string): Promise<string[]> {
  await page.getByRole('radio', { name: /За категоріями поля|By the categories/ }).check()
  const select = page.getByLabel(/^(Поле категорій|Category field)$/)
  const value = await select.locator('option', { hasText: field }).first().getAttribute('value')
  await select.selectOption(value!)
  return page.locator('.style-editor__categories tbody th').allInnerTexts()
}

/** Fills the new layer's id and titles, creates the draft and waits for its editor; returns its id. */
export async function createDraft(page: Page, layer: { id: string; titleUk: string; titleEn: string }): Promise<string> {
  await page.getByLabel(/^(Ідентифікатор шару|Layer id)/).fill(layer.id)
  await page.getByLabel(/^(Назва \(українською\)|Title \(Ukrainian\))/).fill(layer.titleUk)
  await page.getByLabel(/^(Назва \(англійською\)|Title \(English\))/).fill(layer.titleEn)
  await page.getByRole('button', { name: /Створити чернетку|Create the draft/ }).click()
  await page.waitForURL((url) => url.pathname === `/planning/cabinet/layers/${layer.id}`, { timeout: STEP_TIMEOUT_MS })
  await page.locator('#status-heading').waitFor({ timeout: STEP_TIMEOUT_MS })
  return layer.id
}

/** The status badge of the layer open in the editor. */
export async function layerStatus(page: Page): Promise<string> {
  return page.locator('h1 .layer-status').innerText()
}

/** Changes the layer's status with its button, confirms, and waits for the badge to show it. */
export async function changeStatus(page: Page, button: RegExp, badge: RegExp): Promise<void> {
  await page.getByRole('button', { name: button }).click()
  await page.getByRole('button', { name: /^(Так|Yes),/ }).click()
  await page.locator('h1 .layer-status').filter({ hasText: badge }).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The legend rows of a layer in the public Planning section. */
export async function planningLegend(page: Page, layerId: string): Promise<string[]> {
  const card = page.locator(`.planning-public__plans [data-layer-id="${layerId}"]`)
  await card.waitFor({ timeout: STEP_TIMEOUT_MS })
  return card.locator('.legend-categories li').allInnerTexts()
}

/** The legend rows of a layer in the map's catalogue. */
export async function catalogueLegend(page: Page, layerId: string): Promise<string[]> {
  const entry = page.locator('.field-layer').filter({ has: page.locator(`input[data-layer-id="${layerId}"]`) })
  return entry.locator('.legend-categories li').allInnerTexts()
}

/** Types an EPSG code for a file whose coordinate system is unknown, and waits for the report read with it. */
export async function chooseCrs(page: Page, code: string): Promise<void> {
  await page.getByLabel(/^(Код EPSG|EPSG code)$/).fill(code)
  await page.getByRole('button', { name: /Прочитати з цією системою|Read with this system/ }).click()
  await page.getByTestId('upload-crs').filter({ hasText: code }).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The systems the report suggests for a file that does not say its own. */
export async function crsSuggestions(page: Page): Promise<string[]> {
  return page.locator('.upload-report__choice').first().getByRole('button').allInnerTexts()
}

/** Uploads a file as the layer's next revision, matched by `key`, and returns what the cabinet says it changed. */
export async function publishNewVersion(page: Page, path: string, key: string): Promise<string> {
  await page.getByLabel(/^(Файл нової редакції|File of the new revision)$/).setInputFiles(path)
  await page.locator('.new-version #upload-report-heading').waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.getByLabel(/^(Ключове поле|Key field)/).selectOption(key)
  await page.getByRole('button', { name: /Опублікувати редакцію|Publish the revision/ }).click()
  const done = page.locator('.new-version [role="status"]').filter({ hasText: /опубліковано|published/ })
  await done.waitFor({ timeout: STEP_TIMEOUT_MS })
  return done.innerText()
}

/** How many features the "what changed" map draws, once it draws some. */
export async function changedFeatureCount(page: Page): Promise<number> {
  const map = page.locator('.changes-view .feature-map[data-rendered-features]:not([data-rendered-features="0"])')
  await map.waitFor({ timeout: STEP_TIMEOUT_MS })
  return Number(await map.getAttribute('data-rendered-features'))
}

/**
 * Makes a layer of a file through the API, as the cabinet's own requests do, and returns its id:
 * for steps that are about what comes after the upload.
 */
export async function layerFromFile(page: Page, path: string, layer: { id: string; city: string; status: 'draft' | 'consultation'; titleUk: string; titleEn: string }): Promise<string> {
  const origin = new URL(page.url()).origin
  const upload = await page.request.post('/api/layer-uploads', {
    headers: { Origin: origin },
    multipart: { file: { name: path.split('/').pop()!, mimeType: 'application/zip', buffer: await readFile(path) } },
  })
  if (!upload.ok()) throw new Error(`upload: ${upload.status()} ${await upload.text()}`)
  const { id: uploadId } = (await upload.json()) as { id: string }
  const created = await page.request.post('/api/layers', {
    headers: { Origin: origin },
    data: { upload: uploadId, city: layer.city, id: layer.id, title: { uk: layer.titleUk, en: layer.titleEn }, theme: 'urban-planning', status: layer.status },
  })
  if (!created.ok()) throw new Error(`layer: ${created.status()} ${await created.text()}`)
  return layer.id
}

/** Opens a consultation on a layer from its editor with the form's default window, and returns its id. */
export async function openConsultationInCabinet(page: Page, layerId: string): Promise<number> {
  await page.goto(`/planning/cabinet/layers/${encodeURIComponent(layerId)}`)
  const section = page.locator('section[aria-labelledby="consultations-heading"]')
  await section.getByRole('button', { name: /^(Відкрити обговорення|Open the consultation)$/ }).click()
  const link = section.locator('li[data-consultation-id] a').first()
  await link.waitFor({ timeout: STEP_TIMEOUT_MS })
  return Number(await section.locator('li[data-consultation-id]').first().getAttribute('data-consultation-id'))
}

/** Waits until the consultation's map has drawn the plan. */
export async function consultationMapReady(page: Page): Promise<void> {
  await page.locator('.consultation-map[data-plan-features]:not([data-plan-features="0"])').waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.waitForFunction(() => document.querySelector('.consultation-map canvas') !== null)
}

/** Taps the consultation's map at a share of its width and height, and returns what the form says of the place. */
export async function tapConsultationMap(page: Page, x: number, y: number): Promise<string> {
  const canvas = page.locator('.consultation-map canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  await page.mouse.click(box.x + box.width * x, box.y + box.height * y)
  const place = page.locator('.consultation__place')
  await page.waitForFunction(() => document.querySelector('.consultation__place')?.getAttribute('data-place') !== 'none')
  return (await place.getAttribute('data-place')) ?? 'none'
}

/** Chooses a feature of the plan from the list (the way without a map) and returns its option's text. */
export async function chooseFeatureFromList(page: Page, index: number): Promise<string> {
  const select = page.getByLabel(/^(Об’єкт плану|Feature of the plan)$/)
  const options = await select.locator('option').allInnerTexts()
  await select.selectOption({ index })
  return options[index]!
}

/** Writes and sends a comment; returns the receipt number the page confirms. */
export async function sendComment(page: Page, text: string): Promise<string> {
  const receipt = page.locator('.consultation__receipt')
  const before = (await receipt.count()) > 0 ? await receipt.innerText() : ''
  await page.getByLabel(/^(Текст коментаря|Your comment)$/).fill(text)
  await page.getByRole('button', { name: /^(Надіслати коментар|Send the comment)$/ }).click()
  // A second comment replaces the first one's receipt: wait for the new number.
  const handle = await page.waitForFunction((old) => {
    const shown = document.querySelector('.consultation__receipt')?.textContent ?? ''
    return shown !== '' && shown !== old ? shown : false
  }, before, { timeout: STEP_TIMEOUT_MS })
  return /[A-Z]+-K-\d{4}-\d{6}/.exec(String(await handle.jsonValue()))?.[0] ?? ''
}

/** Answers the comment with this receipt, as a planner on the consultation's page. */
export async function answerOnPage(page: Page, receipt: string, outcome: RegExp, text: string): Promise<void> {
  const comment = page.locator(`li[data-receipt="${receipt}"]`)
  await comment.locator('summary', { hasText: /^(Відповісти|Answer)$/ }).click()
  await comment.getByLabel(/^(Рішення|Decision)$/).selectOption({ label: (await comment.getByLabel(/^(Рішення|Decision)$/).locator('option').allInnerTexts()).find((o) => outcome.test(o))! })
  await comment.getByLabel(/^(Обґрунтування|Reasons)$/).fill(text)
  await comment.getByRole('button', { name: /^(Зберегти відповідь|Save the answer)$/ }).click()
  await comment.locator('.comment__answer').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The council's answer under a comment, as residents read it. */
export async function answerShown(page: Page, receipt: string): Promise<string> {
  return page.locator(`li[data-receipt="${receipt}"] .comment__answer`).innerText()
}

/** Attaches a PDF to the layer open in the cabinet, with its title and decision number; waits until it is listed. */
export async function attachDocumentInCabinet(page: Page, path: string, document: { titleUk: string; decisionNumber: string }): Promise<void> {
  const section = page.locator('section.layer-documents')
  await section.locator('summary', { hasText: /^(Додати документ \(PDF\)|Attach a document \(PDF\))$/ }).click()
  await section.getByLabel(/^(Файл PDF|PDF file)$/).setInputFiles(path)
  await section.getByLabel(/^(Назва українською|Title in Ukrainian)$/).fill(document.titleUk)
  await section.getByLabel(/^(Номер рішення|Decision number)$/).fill(document.decisionNumber)
  await section.getByRole('button', { name: /^(Додати документ|Attach the document)$/ }).click()
  await section.locator('li[data-document-id]', { hasText: document.titleUk }).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The documents a public page lists: each link's text and where it points. */
export async function listedDocuments(page: Page): Promise<Array<{ title: string; href: string }>> {
  const links = page.locator('section.layer-documents li[data-document-id] > a')
  await links.first().waitFor({ timeout: STEP_TIMEOUT_MS })
  return links.evaluateAll((as) => as.map((a) => ({ title: a.textContent ?? '', href: a.getAttribute('href') ?? '' })))
}

/** Marks an area on the consultation's map by tapping its corners (shares of the map's width and height); returns what the form says of the place. */
export async function markAreaOnConsultationMap(page: Page, corners: Array<[number, number]>): Promise<string> {
  await page.getByRole('button', { name: /^(Позначити ділянку на мапі|Mark an area on the map)$/ }).click()
  const canvas = page.locator('.consultation-map canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  for (const [x, y] of corners) {
    const before = await page.locator('.consultation-map').getAttribute('data-area-corners')
    await page.mouse.click(box.x + box.width * x, box.y + box.height * y)
    await page.waitForFunction((old) => document.querySelector('.consultation-map')?.getAttribute('data-area-corners') !== old, before)
  }
  return (await page.locator('.consultation__place').getAttribute('data-place')) ?? 'none'
}

/** Hides the comment with this receipt, as a moderator on the consultation's page, giving the reason. */
export async function hideOnPage(page: Page, receipt: string, reason: string): Promise<void> {
  const comment = page.locator(`li[data-receipt="${receipt}"]`)
  await comment.locator('summary', { hasText: /^(Приховати \(модерація\)|Hide \(moderation\))$/ }).click()
  await comment.getByLabel(/^(Причина|Reason)$/).fill(reason)
  await comment.getByRole('button', { name: /^(Приховати коментар|Hide the comment)$/ }).click()
  await comment.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
}
