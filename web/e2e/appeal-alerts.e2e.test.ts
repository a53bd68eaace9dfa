import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import {
  answerHasFocus,
  emailError,
  followMailLink,
  openAlertsForm,
  subscribeAroundMapCentre,
  subscribeToDistrict,
  subscriptionAnswer,
} from './appeal-alerts-driver.ts'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { openMap, saveScreenshot } from './map-driver.ts'
import { waitForMailTo } from './outbox.ts'

const PHONE = { width: 390, height: 844 }
const CONFIRM_LINK = /https?:\/\/\S+\/api\/appeal-subscriptions\/confirm\?token=[A-Za-z0-9_-]+/

describe('e-mail alerts about new appeals', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('subscribes a resident on a phone around the map centre, once they confirm from the mail', async () => {
    // given a resident on a phone with Kyiv's appeals on the map and the alerts form open
    const { page, record } = await browser.openPage(PHONE)
    const email = `alerts-${Date.now()}@example.org`
    await openMap(page, '?city=kyiv&layers=kyiv-appeals&map=15/50.4501/30.5234')
    await openAlertsForm(page)
    // when they give an address that is not one, then the field says so
    await subscribeAroundMapCentre(page, 'not-an-address', 1000)
    expect(await emailError(page)).toMatch(/e-mail/)
    await saveScreenshot(page, 'appeal-alerts-phone-error')
    // when they correct it, then the form tells them to look for the confirmation mail
    await subscribeAroundMapCentre(page, email, 1000)
    expect(await subscriptionAnswer(page)).toMatch(/^Перевірте пошту: .*відписатися одним кліком\.$/)
    expect(await answerHasFocus(page)).toBe(true)
    await saveScreenshot(page, 'appeal-alerts-phone-sent')
    // and the mail they get confirms the subscription
    const mail = await waitForMailTo(inject('outboxDir'), email)
    const link = CONFIRM_LINK.exec(mail)?.[0]
    expect(link).toBeDefined()
    expect(await followMailLink(page, link ?? '')).toContain('Subscription confirmed')
    expect(record.pageErrors).toEqual([])
  })

  it('subscribes a resident to a whole district', async () => {
    // given the alerts form on a phone
    const { page, record } = await browser.openPage(PHONE)
    const email = `district-${Date.now()}@example.org`
    await openMap(page, '?city=kyiv&layers=kyiv-appeals&map=12/50.45/30.52')
    await openAlertsForm(page)
    // when they choose a district instead of a circle, then the confirmation mail comes
    await subscribeToDistrict(page, email, 'Печерський район')
    expect(await subscriptionAnswer(page)).toMatch(/^Перевірте пошту/)
    const mail = await waitForMailTo(inject('outboxDir'), email)
    expect(mail).toContain('Печерський район')
    expect(record.pageErrors).toEqual([])
  })
})
