/** What investors and residents do in the property section and with objects on the map, in the pages' own terms: by labels and roles. */
import { readFile } from 'node:fs/promises'
import type { Page } from '../../scripts/browser/index.ts'

/** How long a list, a map or an export may take on a cold server. */
const STEP_TIMEOUT_MS = 60_000

/**
 * Makes the page's browser read these languages in this order, as a browser set to them does:
 * `navigator.languages` and the `Accept-Language` header (an investor's British English is
 * `['en-GB', 'en']`). Call before the first `goto`.
 */
export async function browserReads(page: Page, languages: [string, ...string[]]): Promise<void> {
  await page.context().addInitScript((tags) => {
    Object.defineProperty(Navigator.prototype, 'languages', { get: () => tags })
    Object.defineProperty(Navigator.prototype, 'language', { get: () => tags[0] })
  }, languages)
  await page.setExtraHTTPHeaders({ 'Accept-Language': languages.map((tag, i) => (i === 0 ? tag : `${tag};q=${(1 - i / 10).toFixed(1)}`)).join(',') })
}

/** Opens a list page (`/investment…` or `/property…`) and waits for its count and its map. */
export async function openListPage(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.locator('.property-count[data-matched]').waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.locator('.property-map[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The page's language and main heading. */
export async function pageLanguageAndHeading(page: Page): Promise<{ lang: string; heading: string }> {
  return { lang: await page.evaluate(() => document.documentElement.lang), heading: (await page.locator('main h1').first().innerText()).trim() }
}

/** What the list page says now: the count it shows, the rows it lists, the objects its map draws. */
export interface ListCounts {
  matched: number
  listed: number
  mapped: number
  text: string
}

/** The counts of the investment map once its list and its map agree on the current filters (every offer has a place, and one view shows up to 1000). */
export async function settledCounts(page: Page): Promise<ListCounts> {
  await page.waitForFunction(
    () => {
      const count = document.querySelector('.property-count')?.getAttribute('data-matched')
      const listed = document.querySelector('.property-list')?.getAttribute('data-count')
      const mapped = document.querySelector('.property-map')?.getAttribute('data-objects')
      return count != null && listed != null && mapped != null && Number(listed) === Math.min(Number(count), 1000) && Number(mapped) === Number(listed)
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  )
  const read = async (selector: string, attribute: string) => Number(await page.locator(selector).first().getAttribute(attribute))
  return {
    matched: await read('.property-count', 'data-matched'),
    listed: await read('.property-list', 'data-count'),
    mapped: await read('.property-map', 'data-objects'),
    text: (await page.locator('.property-count').innerText()).trim(),
  }
}

/** The counts of the register's page once its list has the page the count names (its map draws those of them that have a public place). */
export async function registerCounts(page: Page): Promise<ListCounts> {
  await page.waitForFunction(
    () => {
      const count = document.querySelector('.property-count')?.getAttribute('data-matched')
      const listed = document.querySelector('.property-list')?.getAttribute('data-count')
      const offset = Number(new URLSearchParams(window.location.search).get('offset') ?? 0)
      return count != null && listed != null && Number(listed) === Math.min(Number(count) - offset, 100)
    },
    undefined,
    { timeout: STEP_TIMEOUT_MS },
  )
  const read = async (selector: string, attribute: string) => Number(await page.locator(selector).first().getAttribute(attribute))
  return {
    matched: await read('.property-count', 'data-matched'),
    listed: await read('.property-list', 'data-count'),
    mapped: await read('.property-map', 'data-objects'),
    text: (await page.locator('.property-count').innerText()).trim(),
  }
}

/** Goes to the next page of the register's list and waits for its first line to change. */
export async function nextRegisterPage(page: Page): Promise<void> {
  const first = await page.locator('.property-list__row').first().getAttribute('data-object-id')
  await page.getByRole('navigation', { name: /^(Сторінки|Pages)$/ }).getByRole('button', { name: /^(Наступна|Next)$/ }).click()
  await page.waitForFunction((before) => document.querySelector('.property-list__row')?.getAttribute('data-object-id') !== before, first, { timeout: STEP_TIMEOUT_MS })
}

/** The statuses the legend explains, as it words them. */
export async function legendEntries(page: Page): Promise<string[]> {
  return (await page.locator('.property-legend li').allInnerTexts()).map((t) => t.trim())
}

/** Follows an object page's "report a problem with this object" link to the map and waits for the report sheet; returns what it says the report is about. */
export async function reportFromObjectPage(page: Page): Promise<string> {
  await page.getByRole('link', { name: /^(Повідомити про проблему з цим об'єктом|Report a problem with this object)$/ }).click()
  await page.waitForURL((url) => url.pathname === '/', { timeout: STEP_TIMEOUT_MS })
  const about = page.locator('.report-sheet__object')
  await about.waitFor({ timeout: STEP_TIMEOUT_MS })
  return (await about.innerText()).trim()
}

/** Waits until the page's URL carries a filter, as applying one writes it. */
async function waitForQuery(page: Page, name: string, value: string): Promise<void> {
  await page.waitForURL((url) => url.searchParams.get(name) === value, { timeout: STEP_TIMEOUT_MS })
}

/** Ticks one choice of a filter given as a group of checkboxes (legend `group`, label `choice`). */
export async function tickChoice(page: Page, group: RegExp, choice: RegExp): Promise<void> {
  await page.getByRole('group', { name: group }).getByRole('checkbox', { name: choice }).check()
}

/** Picks a district by its name in the filters. */
export async function chooseDistrict(page: Page, name: string): Promise<void> {
  const field = page.getByLabel(/^(District|Район)$/)
  await field.locator('option', { hasText: name }).first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS })
  await field.selectOption({ label: name })
}

/** Types an area range in hectares (switching the unit first) and applies it with Enter. */
export async function typeAreaRangeInHectares(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('radio', { name: /^(ha|га)$/ }).check()
  await waitForQuery(page, 'area_unit', 'ha')
  const min = page.getByLabel(/^(Area from, ha|Площа від, га)$/)
  await min.fill(from)
  await min.press('Enter')
  await page.waitForURL((url) => url.searchParams.has('area_min'), { timeout: STEP_TIMEOUT_MS })
  const max = page.getByLabel(/^(Area to, ha|Площа до, га)$/)
  await max.fill(to)
  await max.press('Enter')
  await page.waitForURL((url) => url.searchParams.has('area_min') && url.searchParams.has('area_max'), { timeout: STEP_TIMEOUT_MS })
}

/** The rows of the list: object id and text. */
export async function listedRows(page: Page): Promise<Array<{ id: number; text: string }>> {
  const rows = await page.locator('.property-list__row').all()
  return Promise.all(rows.map(async (row) => ({ id: Number(await row.getAttribute('data-object-id')), text: (await row.innerText()).trim() })))
}

/** Selects a row of the list by the keyboard (its button) and returns what the map then highlights. */
export async function selectRowByKeyboard(page: Page, id: number): Promise<string | null> {
  const button = page.locator(`.property-list__row[data-object-id="${id}"] .property-list__select`)
  await button.focus()
  await page.keyboard.press('Enter')
  await page.locator(`.property-map[data-selected="${id}"]`).waitFor({ timeout: STEP_TIMEOUT_MS })
  return page.locator('.property-map').getAttribute('data-selected')
}

/** Follows a row's "Open" link to the object's page and waits for its heading. */
export async function openObjectFromList(page: Page, id: number): Promise<void> {
  await page.locator(`.property-list__row[data-object-id="${id}"] .property-list__open`).click()
  await page.waitForURL((url) => url.pathname.endsWith(`/${id}`), { timeout: STEP_TIMEOUT_MS })
  await page.locator('#object-heading').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** An object page's heading and its attributes as label → shown value. */
export async function objectFacts(page: Page): Promise<{ heading: string; facts: Record<string, string> }> {
  const facts: Record<string, string> = {}
  for (const row of await page.locator('.property-facts__row').all()) facts[(await row.locator('dt').innerText()).trim()] = (await row.locator('dd').innerText()).trim()
  return { heading: (await page.locator('#object-heading').innerText()).trim(), facts }
}

/** Clicks an export link (`CSV` or `GeoJSON`) and returns the downloaded file's text. */
export async function downloadExport(page: Page, format: 'CSV' | 'GeoJSON'): Promise<{ text: string; href: string }> {
  const link = page.getByRole('link', { name: format, exact: true })
  const href = (await link.getAttribute('href')) ?? ''
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: STEP_TIMEOUT_MS }), link.click()])
  const path = await download.path()
  return { text: await readFile(path, 'utf8'), href }
}

/** The records of a CSV text (RFC 4180: a quoted field may hold commas, quotes and line breaks), the header included. */
export function csvRecords(text: string): string[][] {
  const records: string[][] = []
  let record: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++
      else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') record.push(field), (field = '')
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      record.push(field)
      records.push(record)
      record = []
      field = ''
    } else field += c
  }
  if (field !== '' || record.length > 0) record.push(field), records.push(record)
  return records.filter((r) => !(r.length === 1 && r[0] === ''))
}

/** Presses the feature panel's "report a problem with this object" and waits for the report sheet; returns what the sheet says the report is about. */
export async function reportProblemWithObject(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^(Повідомити про проблему з цим об'єктом|Report a problem with this object)$/ }).click()
  const about = page.locator('.report-sheet__object')
  await about.waitFor({ timeout: STEP_TIMEOUT_MS })
  return (await about.innerText()).trim()
}

/** The heading of the feature panel: what the map calls the selected feature. */
export async function featurePanelHeading(page: Page): Promise<string> {
  return (await page.locator('#feature-panel-heading').innerText()).trim()
}

/** The value the appeal page shows under a fact's label. */
export async function appealFact(page: Page, label: RegExp): Promise<string> {
  const fact = page.locator('.appeal__fact').filter({ has: page.locator('dt', { hasText: label }) })
  return (await fact.locator('dd').innerText()).trim()
}

/** What the import report says: its counts, and the register ids of the lines left without a place. */
export interface ShownImportReport {
  written: number
  placed: number
  unplaced: number
  rejected: number
  unplacedIds: string[]
  text: string
}

/** Chooses a register file in "Import a register", sends it, and reads the report the page shows. */
export async function importRegister(page: Page, file: string): Promise<ShownImportReport> {
  const form = page.locator('.property-import')
  await form.getByLabel(/^(Файл реєстру|Register file)$/).setInputFiles(file)
  await form.getByRole('button', { name: /^(Імпортувати|Import)$/ }).click()
  const report = form.locator('.import-report')
  await report.waitFor({ timeout: STEP_TIMEOUT_MS })
  const count = async (name: string) => Number(await report.getAttribute(`data-${name}`))
  return {
    written: await count('written'),
    placed: await count('placed'),
    unplaced: await count('unplaced'),
    rejected: await count('rejected'),
    unplacedIds: await report.locator('[data-table="unplaced"] tbody tr td:nth-child(2)').allInnerTexts(),
    text: (await report.innerText()).trim(),
  }
}

/** Saves the investment map's current search for `email`; returns the query it sent and what the page says then. */
export async function saveSearch(page: Page, email: string): Promise<{ query: string; said: string }> {
  const section = page.locator('.property-save-search')
  await section.getByRole('button', { name: /^(Зберегти пошук|Save this search)$/ }).click()
  await section.getByLabel(/^(Електронна пошта|E-mail)$/).fill(email)
  await section.getByRole('button', { name: /^(Зберегти|Save)$/ }).click()
  await page.locator('.property-save-search[data-state="sent"]').waitFor({ timeout: STEP_TIMEOUT_MS })
  return { query: (await section.getAttribute('data-query')) ?? '', said: (await section.getByRole('status').innerText()).trim() }
}

/** Adds a photo (with its caption) or a PDF (with its title) in the manager's form on an object's page, and waits for it to be added. */
export async function addObjectFile(page: Page, kind: 'photo' | 'document', file: string, text: string): Promise<void> {
  const form = page.locator('.property-staff form').filter({ has: page.getByLabel(kind === 'photo' ? /^(Фото \(JPEG, PNG або WebP\)|Photo \(JPEG, PNG or WebP\))$/ : /^(Документ \(PDF\)|Document \(PDF\))$/) })
  await form.getByLabel(kind === 'photo' ? /^(Фото \(JPEG, PNG або WebP\)|Photo \(JPEG, PNG or WebP\))$/ : /^(Документ \(PDF\)|Document \(PDF\))$/).setInputFiles(file)
  await form.getByLabel(kind === 'photo' ? /^(Підпис до фото|Caption)$/ : /^(Назва документа|Title of the document)$/).fill(text)
  await form.getByRole('button', { name: kind === 'photo' ? /^(Додати фото|Add the photo)$/ : /^(Додати документ|Add the document)$/ }).click()
  await form.getByRole('status').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The photos (by their pictures' text alternatives) and documents (by their titles) an object's page shows. */
export async function objectFiles(page: Page): Promise<{ photos: string[]; documents: string[]; documentHrefs: string[] }> {
  const section = page.locator('.object-files')
  await section.waitFor({ timeout: STEP_TIMEOUT_MS })
  const photos = await section.locator('.object-files__photos img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).alt))
  const links = section.locator('.object-files__documents a')
  return { photos, documents: await links.allInnerTexts(), documentHrefs: await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? '')) }
}
