/** Steps of the back office as staff take them in the browser: by visible labels and roles. */
import type { Page } from '../../scripts/browser/index.ts'

/** Signs in on `/sign-in` and waits for the page `next` names. */
export async function signInOnPage(page: Page, email: string, password: string, next: string): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`)
  const form = page.locator('form').filter({ has: page.locator('input[type="password"]') })
  await form.getByLabel(/Електронна пошта|E-mail/).fill(email)
  await form.getByLabel(/^(Пароль|Password)/).fill(password)
  await form.locator('button[type="submit"]').click()
  await page.waitForURL((url) => url.pathname === next.split('?')[0], { timeout: 30_000 })
}

/** Opens an appeal's work page in the back office and waits for its actions. */
export async function openOfficeAppeal(page: Page, number: string): Promise<void> {
  await page.goto(`/office/appeals/${number}`)
  await page.locator('#appeal-actions-heading').waitFor({ timeout: 30_000 })
}

/** The announcement the work page makes after an action. */
async function waitForAnnouncement(page: Page, text: RegExp): Promise<void> {
  await page.locator('.office-status[role="status"]').filter({ hasText: text }).waitFor({ timeout: 30_000 })
}

/** A one-click action (register, take). */
export async function pressAction(page: Page, title: RegExp, done: RegExp): Promise<void> {
  await page.locator('.office-action--instant').getByRole('button', { name: title }).click()
  await waitForAnnouncement(page, done)
}

/** Opens the form of an action by its title and returns it. */
export async function openActionForm(page: Page, title: RegExp) {
  const details = page.locator('details.office-action').filter({ has: page.locator('summary', { hasText: title }) })
  await details.locator('summary').click()
  return details
}

export async function routeTo(page: Page, organisationLabel: RegExp): Promise<void> {
  const form = await openActionForm(page, /Передати організації|Send to an organisation/)
  const select = form.getByLabel(/^(Організація|Organisation)/)
  await select.locator('option', { hasText: organisationLabel }).first().waitFor({ state: 'attached' })
  const value = await select.locator('option', { hasText: organisationLabel }).first().getAttribute('value')
  await select.selectOption(value!)
  await form.locator('button[type="submit"]').click()
  await waitForAnnouncement(page, /передано організації|sent to the organisation/i)
}

/**
 * A head gives the appeal to an organisation other than the one it is with, and waits for the
 * page to say it left the head's list. Returns the organisation chosen.
 */
export async function reassignToAnotherOrganisation(page: Page): Promise<string> {
  const form = await openActionForm(page, /Передати іншому виконавцю|Reassign/)
  const select = form.getByLabel(/^(Організація|Organisation)/)
  const current = await select.inputValue()
  await select.locator('option').nth(2).waitFor({ state: 'attached' })
  const values = await select.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))
  const other = values.find((value) => value !== '' && value !== current)!
  await select.selectOption(other)
  await form.locator('button[type="submit"]').click()
  await waitForAnnouncement(page, /іншій організації|another organisation/i)
  return other
}

export async function extendTerm(page: Page, dueDay: string, reason: string): Promise<void> {
  const form = await openActionForm(page, /Продовжити строк|Extend the term/)
  await form.getByLabel(/Новий строк|New due date/).fill(dueDay)
  await form.getByLabel(/^(Причина|Reason)/).fill(reason)
  await form.locator('button[type="submit"]').click()
  await waitForAnnouncement(page, /Строк продовжено|extended/i)
}

export async function uploadWorkPhoto(page: Page, photo: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const form = await openActionForm(page, /Фото виконаних робіт|Photos of the work/)
  await form.locator('input[type="file"]').setInputFiles([photo])
  await form.locator('button[type="submit"]').click()
  await waitForAnnouncement(page, /Завантажено|Uploaded/)
}

export async function resolveWith(page: Page, response: string): Promise<void> {
  const form = await openActionForm(page, /Змінити статус|Change the status/)
  await form.getByLabel(/Новий статус|New status/).selectOption('resolved')
  await form.getByLabel(/Відповідь заявнику|Response/).fill(response)
  await form.locator('button[type="submit"]').click()
  await waitForAnnouncement(page, /вирішено|resolved/i)
}

/** The actions of the appeal's audit table, in order. */
export async function auditActions(page: Page): Promise<string[]> {
  const section = page.locator('section').filter({ has: page.locator('#appeal-audit-heading') })
  return (await section.locator('tbody tr td:nth-child(3)').allInnerTexts()).map((s) => s.trim())
}
