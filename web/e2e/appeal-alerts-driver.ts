import type { Page } from '../../scripts/browser/index.ts'
import { openCatalogue } from './map-driver.ts'

/**
 * What a resident does to get e-mail about new appeals, in the page's own terms: the form under
 * the appeals layer in the catalogue. Specs call these and never touch selectors directly.
 */

const FORM = '.appeal-alerts__form'

/** Opens the catalogue (on a phone) and the alerts form under the appeals layer, from the keyboard. */
export async function openAlertsForm(page: Page): Promise<void> {
  await openCatalogue(page)
  const button = page.locator('.appeal-alerts > button[aria-expanded]')
  await button.focus()
  await page.keyboard.press('Enter')
  await page.locator(FORM).waitFor()
}

/** Fills the form in and presses Subscribe: alerts within `radiusM` of the map's centre. */
export async function subscribeAroundMapCentre(page: Page, email: string, radiusM: number): Promise<void> {
  await page.locator(`${FORM} select.appeal-alerts__radius`).selectOption(String(radiusM))
  await page.locator(`${FORM} input[type="email"]`).fill(email)
  await page.locator(`${FORM} button[type="submit"]`).click()
}

/** Fills the form in and presses Subscribe: alerts for a district of the city, chosen by name. */
export async function subscribeToDistrict(page: Page, email: string, district: string): Promise<void> {
  await page.locator(`${FORM} select.appeal-alerts__area`).selectOption({ label: district })
  await page.locator(`${FORM} input[type="email"]`).fill(email)
  await page.locator(`${FORM} button[type="submit"]`).click()
}

/** The error under the e-mail field once the API has refused it. */
export async function emailError(page: Page): Promise<string> {
  const input = page.locator(`${FORM} input[type="email"][aria-invalid="true"]`)
  await input.waitFor()
  const errorId = (await input.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-error'))
  if (!errorId) throw new Error('the e-mail field points at no error')
  return (await page.locator(`[id="${errorId}"]`).innerText()).trim()
}

/** What the form says once the API has sent the confirmation mail. */
export async function subscriptionAnswer(page: Page): Promise<string> {
  const answer = page.locator('.appeal-alerts__sent')
  await answer.waitFor()
  return (await answer.innerText()).trim()
}

/** Whether the keyboard focus is on the form's answer, where a screen reader reads it next. */
export async function answerHasFocus(page: Page): Promise<boolean> {
  return page.locator('.appeal-alerts__sent').evaluate((element) => element === document.activeElement)
}

/** Follows a link from a mail (on the app's own origin, whatever host the mail names) and returns the page's text. */
export async function followMailLink(page: Page, link: string): Promise<string> {
  const url = new URL(link)
  await page.goto(`${url.pathname}${url.search}`)
  return (await page.locator('body').innerText()).trim()
}
