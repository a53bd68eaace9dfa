import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { saveScreenshot } from './map-driver.ts'
import { signInOnPage } from './office-driver.ts'
import { waitForMailTo } from './outbox.ts'

const PHONE = { width: 390, height: 844 }
const PASSWORD = 'довгий-пароль-мешканки'

describe('a resident\'s account', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('is registered, confirmed from the mail, signed into, and deleted, on a phone', async () => {
    const email = `resident-${randomUUID()}@example.org`
    const { page, record } = await browser.openPage(PHONE)
    // when a resident registers on the phone
    await page.goto('/register')
    await page.getByLabel('Ім’я', { exact: true }).fill('Оксана Тест')
    await page.getByLabel('Електронна пошта').fill(email)
    await page.getByLabel('Новий пароль', { exact: true }).fill(PASSWORD)
    await page.getByRole('button', { name: 'Зареєструватися' }).click()
    await page.getByRole('status').filter({ hasText: email }).waitFor()
    await saveScreenshot(page, 'account-registered')
    // then the confirmation link from the mail confirms the address
    const mail = await waitForMailTo(inject('outboxDir'), email)
    const link = /https?:\/\/\S+\/account\/confirm\/[A-Za-z0-9_-]{43}/.exec(mail)?.[0]
    expect(link).toBeDefined()
    await page.goto(new URL(link!).pathname)
    await page.getByText('Адресу підтверджено.').waitFor()
    // and they sign in and see their account
    await signInOnPage(page, email, PASSWORD, '/account')
    await page.getByRole('heading', { name: 'Мій обліковий запис' }).waitFor()
    // the heading shows before the account is loaded, so wait for the address itself
    await page.locator('main').getByText(email).waitFor()
    expect(await page.locator('main').innerText()).toContain(email)
    await saveScreenshot(page, 'account-page')
    // and deleting it with the password signs them out, for good
    await page.getByRole('button', { name: 'Видалити обліковий запис…' }).click()
    const panel = page.locator('section').filter({ has: page.locator('#account-delete') })
    await panel.getByLabel('Пароль', { exact: true }).fill(PASSWORD)
    await panel.getByRole('button', { name: 'Видалити назавжди' }).click()
    await page.waitForURL((url) => url.pathname !== '/account', { timeout: 30_000 })
    const session = (await (await page.request.get('/api/auth/session')).json()) as { user: unknown }
    expect(session.user).toBeNull()
    const again = await page.request.post('/api/auth/login', { data: { email, password: PASSWORD } })
    expect(again.status()).toBe(401)
    expect(record.pageErrors).toEqual([])
  })
})
