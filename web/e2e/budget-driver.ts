/** Steps of the participatory budget as residents and the commission take them in the browser: by labels and roles. */
import type { Page } from '../../scripts/browser/index.ts'

/** How long the server may take to check a place, count the ballots or draw a map. */
const STEP_TIMEOUT_MS = 60_000

/** The phases of an edition, in order. */
const PHASES = ['submission', 'review', 'voting', 'results', 'implementation'] as const
type PhaseName = (typeof PHASES)[number]

const HOUR = 3_600_000

/**
 * An edition's phases back to back, with `current` under way now: the ones before it already
 * over, the ones after it still to come (an hour each, implementation a year).
 */
export function phasesWith(current: PhaseName, now = Date.now()): Array<{ name: PhaseName; starts_at: string; ends_at: string }> {
  const c = PHASES.indexOf(current)
  const start = (i: number) => now - 1000 + (i - c) * HOUR
  return PHASES.map((name, i) => ({
    name,
    starts_at: new Date(start(i)).toISOString(),
    ends_at: new Date(i === PHASES.length - 1 ? start(i) + 365 * 24 * HOUR : start(i + 1)).toISOString(),
  }))
}

/** Sends a write as the page's signed-in account, as the app's own requests do; returns the JSON answer or throws with the server's. */
export async function apiWrite<T>(page: Page, method: 'POST' | 'PATCH' | 'PUT', path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin
  const response = await page.request.fetch(path, { method, headers: { Origin: origin }, data })
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${await response.text()}`)
  return (await response.json()) as T
}

/** Opens the proposal wizard and waits until its map takes taps. */
export async function openWizard(page: Page, edition: number): Promise<void> {
  await page.goto(`/budgets/${edition}/propose`)
  await page.locator('.budget-place__map[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Zooms the map in by its + button, `steps` times, waiting for each move to end. */
async function zoomIn(page: Page, map: string, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) {
    await page.locator(`${map} .maplibregl-ctrl-zoom-in`).click()
    await page.waitForTimeout(600)
  }
}

/**
 * Draws an area on the wizard's map: zooms in, taps its corners (shares of the map's width and
 * height) and closes it; returns what the page says of the place (`area:<corners>:closed`).
 */
export async function drawArea(page: Page, corners: Array<[number, number]>): Promise<string> {
  await page.getByRole('radio', { name: /^(Ділянка \(багатокутник\)|An area \(polygon\))$/ }).check()
  await zoomIn(page, '.budget-place__map', 4)
  const canvas = page.locator('.budget-place__map canvas')
  await canvas.scrollIntoViewIfNeeded()
  const box = (await canvas.boundingBox())!
  for (const [i, [x, y]] of corners.entries()) {
    await page.mouse.click(box.x + box.width * x, box.y + box.height * y)
    await page.locator(`.budget-place__map[data-draft="area:${i + 1}"]`).waitFor({ timeout: STEP_TIMEOUT_MS })
  }
  await page.getByRole('button', { name: /^(Замкнути ділянку|Close the area)$/ }).click()
  return (await page.locator('.budget-place__state').getAttribute('data-place')) ?? 'none'
}

/** Waits for the pre-check of the marked place and returns the district it names and its hints. */
export async function precheckShown(page: Page): Promise<{ district: string; text: string }> {
  const section = page.locator('.budget-precheck')
  await section.waitFor({ timeout: STEP_TIMEOUT_MS })
  return { district: (await section.locator('.budget-precheck__district').innerText()).trim(), text: await section.innerText() }
}

/** Fills what the project is and its cost items; returns the total the page computes. */
export async function describeProposal(page: Page, proposal: { title: string; description: string; category: RegExp; items: Array<{ name: string; amount: string }> }): Promise<string> {
  await page.getByLabel(/^(Назва проєкту|Project title)$/).fill(proposal.title)
  await page.getByLabel(/^(Опис|Description)$/).fill(proposal.description)
  const category = page.getByLabel(/^(Категорія|Category)$/)
  const label = (await category.locator('option').allInnerTexts()).find((o) => proposal.category.test(o))!
  await category.selectOption({ label })
  for (const [i, item] of proposal.items.entries()) {
    if (i > 0) await page.getByRole('button', { name: /^(Додати статтю|Add an item)$/ }).click()
    await page.getByLabel(new RegExp(`^(Стаття ${i + 1}|Item ${i + 1})$`)).fill(item.name)
    await page.getByLabel(new RegExp(`^(Сума статті ${i + 1}|Amount of item ${i + 1}), `)).fill(item.amount)
  }
  return page.locator('.budget-costs__total').innerText()
}

/** Submits the proposal and waits for its page; returns its id. */
export async function submitProposal(page: Page, edition: number): Promise<string> {
  await page.getByRole('button', { name: /^(Подати проєкт|Submit the project)$/ }).click()
  await page.waitForURL((url) => new RegExp(`^/budgets/${edition}/proposals/\\d+$`).test(url.pathname), { timeout: STEP_TIMEOUT_MS })
  return new URL(page.url()).pathname.split('/').pop()!
}

/** Reviews the proposal open on its page as feasible, with a note. */
export async function markFeasible(page: Page, reason: string): Promise<void> {
  const form = page.locator('.budget-review-form')
  await form.getByRole('radio', { name: /^(Допустити до голосування|Put it on the ballot)$/ }).check()
  await form.getByLabel(/^(Причина|Reason)/).fill(reason)
  await form.getByRole('button', { name: /^(Зберегти перевірку|Save the review)$/ }).click()
  await page.locator('.budget-review[data-feasible="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Opens the section on an edition and waits for it. */
export async function openEdition(page: Page, city: string, edition: number): Promise<void> {
  await page.goto(`/budgets?city=${city}&edition=${edition}`)
  await page.locator(`.budget-edition[data-edition-id="${edition}"]`).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Chooses projects on the ballot (and makes the declarations the page asks for), saves it, and returns the receipt code and what is left. */
export async function castBallot(page: Page, titles: string[]): Promise<{ receipt: string; remaining: string }> {
  const ballot = page.locator('.budget-ballot')
  await ballot.locator('.budget-ballot__choices').waitFor({ timeout: STEP_TIMEOUT_MS })
  for (const title of titles) await ballot.getByRole('checkbox', { name: new RegExp(`(Голосувати за|Vote for) «?“?${title}`) }).check()
  for (const declaration of await ballot.getByRole('checkbox', { name: /^(Підтверджую|I confirm)/ }).all()) await declaration.check()
  await ballot.getByRole('button', { name: /^(Зберегти бюлетень|Save my ballot)$/ }).click()
  const receipt = ballot.locator('.budget-ballot__receipt:not([data-receipt=""])')
  const refusal = ballot.locator('.office-problem[data-empty="false"]')
  await receipt.or(refusal).first().waitFor({ timeout: STEP_TIMEOUT_MS })
  if (await refusal.isVisible()) throw new Error(`the ballot was refused: ${await refusal.innerText()}`)
  return { receipt: (await receipt.getAttribute('data-receipt'))!, remaining: await ballot.locator('.budget-ballot__remaining').innerText() }
}

/** Checks a receipt code in the section's form; returns what the page answers. */
export async function checkReceipt(page: Page, code: string): Promise<{ counted: string; text: string }> {
  const form = page.locator('.budget-receipt')
  await form.getByLabel(/^(Код квитанції|Receipt code)$/).fill(code)
  await form.getByRole('button', { name: /^(Перевірити|Check)$/ }).click()
  const answer = form.locator('.budget-receipt__answer:not([data-counted=""])')
  await answer.waitFor({ timeout: STEP_TIMEOUT_MS })
  return { counted: (await answer.getAttribute('data-counted'))!, text: await answer.innerText() }
}

/** Presses one of the commission's buttons on the section page and waits for the page to confirm it. */
export async function staffAction(page: Page, button: RegExp, done: RegExp): Promise<void> {
  const panel = page.locator('.budget-staff')
  await panel.getByRole('button', { name: button }).click()
  await panel.locator('[role="status"]').filter({ hasText: done }).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The results table's rows: each project's id, title and whether it won. */
export async function resultRows(page: Page): Promise<Array<{ id: string; won: boolean; text: string }>> {
  const rows = page.locator('.budget-results tbody tr')
  await rows.first().waitFor({ timeout: STEP_TIMEOUT_MS })
  return rows.evaluateAll((trs) => trs.map((tr) => ({ id: tr.getAttribute('data-proposal-id') ?? '', won: tr.getAttribute('data-won') === 'true', text: (tr as HTMLElement).innerText })))
}

/** The section map once it draws the winners: how many proposals and winners it draws. */
export async function mapWinners(page: Page): Promise<{ proposals: number; winners: number }> {
  const map = page.locator('.budgets-map[data-ready="true"]:not([data-winners="0"])')
  await map.waitFor({ timeout: STEP_TIMEOUT_MS })
  return { proposals: Number(await map.getAttribute('data-proposals')), winners: Number(await map.getAttribute('data-winners')) }
}

/** Updates a winner's construction on its page, as the commission. */
export async function updateImplementation(page: Page, update: { status: RegExp; progress: string; spent: string; prozorro: string; note: string }): Promise<void> {
  // The page is settled once its map is drawn; the form is filled after that.
  await page.locator('.budget-project__map[data-ready="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
  const form = page.locator('.budget-impl-form')
  const status = form.getByLabel(/^(Стан|Status)$/)
  await status.selectOption({ label: (await status.locator('option').allInnerTexts()).find((o) => update.status.test(o))! })
  await form.getByLabel(/^(Виконано, %|Done, %)$/).fill(update.progress)
  await form.getByLabel(/^(Витрачено, грн|Spent, UAH)$/).fill(update.spent)
  await form.getByLabel(/^(Номер закупівлі Prozorro|Prozorro tender id)$/).fill(update.prozorro)
  await form.getByLabel(/^(Примітка|Note)$/).fill(update.note)
  await form.getByRole('button', { name: /^(Зберегти|Save)$/ }).click()
  await form.locator('[role="status"]').filter({ hasText: /Реалізацію оновлено|Implementation updated/ }).first().waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Adds a milestone to a winner's construction on its page, as the commission. */
export async function addMilestone(page: Page, milestone: { title: string; dueOn: string }): Promise<void> {
  const form = page.locator('.budget-milestone-form')
  await form.locator('summary').click()
  await form.getByLabel(/^(Назва етапу|Milestone)$/).fill(milestone.title)
  await form.getByLabel(/^(Термін|Due on)$/).fill(milestone.dueOn)
  await form.getByRole('button', { name: /^(Додати етап|Add the milestone)$/ }).click()
  await page.locator('.budget-milestones li', { hasText: milestone.title }).waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** What a project's page shows of its construction. */
export async function implementationShown(page: Page): Promise<{ text: string; progress: string; tender: string | null; milestones: string[] }> {
  const section = page.locator('.budget-implementation')
  await section.waitFor({ timeout: STEP_TIMEOUT_MS })
  return {
    text: await section.innerText(),
    progress: (await section.locator('progress').getAttribute('value')) ?? '',
    tender: await section.getByRole('link', { name: /Prozorro/ }).getAttribute('href'),
    milestones: await section.locator('.budget-milestones li').allInnerTexts(),
  }
}

/** Marks an area without the map: chooses "area", types its corners as "latitude, longitude" lines and applies them. */
export async function typeArea(page: Page, corners: Array<[number, number]>): Promise<string> {
  await page.getByRole('radio', { name: /^(Ділянка \(багатокутник\)|An area \(polygon\))$/ }).check()
  await page.locator('.budget-place__typed summary').click()
  await page.getByLabel(/^(Або введіть координати|Or type the coordinates)$/).fill(corners.map(([lat, lon]) => `${lat}, ${lon}`).join('\n'))
  await page.getByRole('button', { name: /^(Позначити за координатами|Mark by coordinates)$/ }).click()
  return (await page.locator('.budget-place__state').getAttribute('data-place')) ?? 'none'
}

/** Presses one of the wizard's buttons and waits for the server's refusal; returns the messages shown next to each invalid field, by its label. */
export async function refusedFields(page: Page, button: RegExp): Promise<Record<string, string>> {
  await page.getByRole('button', { name: button }).click()
  await page.locator('.budget-wizard__form [aria-invalid="true"]').first().waitFor({ timeout: STEP_TIMEOUT_MS })
  return page.locator('.budget-wizard__form .field-stack:has([aria-invalid="true"])').evaluateAll((fields) =>
    Object.fromEntries(fields.map((f) => [f.querySelector('label')?.textContent ?? '', f.querySelector('[id$="-error"]')?.textContent ?? ''])),
  )
}

/** Keeps the proposal as a draft and waits for its page; returns its id. */
export async function saveDraft(page: Page, edition: number): Promise<string> {
  await page.getByRole('button', { name: /^(Зберегти чернетку|Save as a draft)$/ }).click()
  await page.waitForURL((url) => new RegExp(`^/budgets/${edition}/proposals/\\d+$`).test(url.pathname), { timeout: STEP_TIMEOUT_MS })
  return new URL(page.url()).pathname.split('/').pop()!
}

/** Submits the draft open on its page and returns the status its badge then shows. */
export async function submitDraftOnPage(page: Page): Promise<string> {
  await page.locator('.budget-draft').getByRole('button', { name: /^(Подати проєкт|Submit the project)$/ }).click()
  await page.locator('.budget-draft').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
  return page.locator('h1 .budget-status').innerText()
}

/** Adds a photo or a PDF to the proposal open on its page (as its author, or of the construction as the commission) and waits until it is shown. */
export async function attachFile(page: Page, kind: 'photo' | 'implementation-photo' | 'document', path: string, text: string): Promise<void> {
  const form = page.locator(`.budget-file-form--${kind}`)
  await form.locator('summary').click()
  await form.locator('input[type="file"]').setInputFiles(path)
  await form.locator('input[type="text"], input:not([type])').fill(text)
  await form.locator('button[type="submit"]').click()
  const shown = kind === 'document' ? page.locator('.budget-media a', { hasText: text }) : page.locator('.budget-media__photos li', { hasText: text }).locator('img')
  await shown.waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Whether every photo the page shows has loaded as a picture. */
export async function photosLoaded(page: Page): Promise<boolean> {
  const images = page.locator('.budget-media__photos img')
  await images.first().waitFor({ timeout: STEP_TIMEOUT_MS })
  return images.evaluateAll((imgs) => imgs.every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0))
}

/** Asks for the co-authors' link on the proposal open on its page and returns it. */
export async function coauthorLink(page: Page): Promise<string> {
  await page.locator('.budget-coauthors').getByRole('button').click()
  const link = page.locator('#coauthor-link')
  await link.waitFor({ timeout: STEP_TIMEOUT_MS })
  return link.inputValue()
}

/** Opens an invitation link signed in, joins, and returns the draft's title as the page then shows it. */
export async function joinAsCoauthor(page: Page, link: string): Promise<string> {
  await page.goto(new URL(link).pathname + new URL(link).search)
  await page.locator('#join-heading').waitFor({ timeout: STEP_TIMEOUT_MS })
  await page.locator('.budget-coauthors').getByRole('button').click()
  await page.locator('#join-heading').waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS })
  return page.locator('h1').innerText()
}

/** Enters a batch of paper ballots on the section page as the commission; returns what the form then says. */
export async function enterPaperBatch(page: Page, batch: string, lines: string): Promise<string> {
  const form = page.locator('.budget-paper')
  await form.getByLabel(/^(Протокол або скринька|Protocol or box)$/).fill(batch)
  await form.getByLabel(/^(Бюлетені|Ballots)$/).fill(lines)
  await form.getByRole('button', { name: /^(Внести партію|Enter the batch)$/ }).click()
  const status = form.locator('[role="status"]')
  await status.waitFor({ timeout: STEP_TIMEOUT_MS })
  return status.innerText()
}
