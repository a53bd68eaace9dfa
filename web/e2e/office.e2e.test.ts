import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { openCity, saveScreenshot } from './map-driver.ts'
import { auditActions, extendTerm, openOfficeAppeal, pressAction, reassignToAnotherOrganisation, resolveWith, routeTo, signInOnPage, uploadWorkPhoto } from './office-driver.ts'
import { chooseCategory, describeProblem, openTrackingPage, pressNext, saveFullPageScreenshot, startReport, submitReport, tapMapCentre } from './report-driver.ts'

const PHONE = { width: 390, height: 844 }
const DESK = { width: 1280, height: 900 }

async function workPhoto() {
  const buffer = await sharp({ create: { width: 480, height: 320, channels: 3, background: '#2f4f4f' } }).jpeg().toBuffer()
  return { name: 'patched.jpg', mimeType: 'image/jpeg', buffer }
}

/** A date within the 45-day limit, as the date field takes it. */
function dayAfter(iso: string, days: number): string {
  return new Date(new Date(iso).getTime() + days * 86_400_000).toISOString().slice(0, 10)
}

describe('an appeal worked through the back office', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('goes from the resident to the moderator, the executor and back to the resident, in public and in the audit trail', async () => {
    // given a resident who files a pothole from a phone
    const resident = await browser.openPage(PHONE)
    await openCity(resident.page, 'kyiv')
    await startReport(resident.page)
    await tapMapCentre(resident.page)
    await pressNext(resident.page)
    await chooseCategory(resident.page, 'pothole')
    await describeProblem(resident.page, 'Яма на проїжджій частині біля переходу')
    await pressNext(resident.page)
    await pressNext(resident.page)
    const receipt = await submitReport(resident.page)

    // when the moderator signs in, registers it and routes it to the roads department
    const moderator = await browser.openPage(DESK)
    await signInOnPage(moderator.page, 'moderator@demo.local', 'demo-moderator', `/office/appeals/${receipt.number}`)
    await openOfficeAppeal(moderator.page, receipt.number)
    await pressAction(moderator.page, /^Зареєструвати$/, /зареєстровано/)
    await routeTo(moderator.page, /Департамент транспортної інфраструктури/)
    await saveScreenshot(moderator.page, 'office-moderator-routed')

    // and the executor of that department takes it, extends the term, adds a photo and resolves it
    const executor = await browser.openPage(DESK)
    await signInOnPage(executor.page, 'executor@demo.local', 'demo-executor', `/office/appeals/${receipt.number}`)
    await openOfficeAppeal(executor.page, receipt.number)
    await pressAction(executor.page, /^Взяти в роботу$/, /взяли звернення в роботу/)
    const filed = await (await executor.page.request.get(`/api/office/appeals/${receipt.number}`)).json()
    await extendTerm(executor.page, dayAfter(filed.created_at, 40), 'Потрібна заявка на асфальтобетон')
    await uploadWorkPhoto(executor.page, await workPhoto())
    await resolveWith(executor.page, 'Яму залатано 12 листопада')
    await saveFullPageScreenshot(executor.page, 'office-executor-resolved')

    // then the resident confirms it from the private link
    await openTrackingPage(resident.page, receipt.trackingPath)
    await resident.page.getByRole('button', { name: 'Так, вирішено' }).click()
    await resident.page.getByRole('status').filter({ hasText: 'Ви підтвердили' }).waitFor({ timeout: 30_000 })

    // and every step is on the public timeline
    await resident.page.goto(`/appeals/${receipt.number}`)
    const timeline = resident.page.locator('.appeal-timeline li')
    await timeline.last().waitFor()
    const entries = await timeline.allInnerTexts()
    await saveFullPageScreenshot(resident.page, 'office-public-timeline')
    const expected = [/подано/, /Статус змінено/, /передано відповідальній організації/, /узяв звернення в роботу/, /Термін розгляду продовжено/, /фото виконаних робіт/, /Статус змінено/, /підтвердив/]
    expect(entries).toHaveLength(expected.length)
    expected.forEach((text, i) => expect(entries[i]).toMatch(text))
    expect(entries.join('\n')).toContain('Яму залатано 12 листопада')

    // and in the audit trail, attribute by attribute
    await openOfficeAppeal(moderator.page, receipt.number)
    expect(await auditActions(moderator.page)).toEqual(['create', 'register', 'assign', 'start', 'extend', 'work-photos', 'resolve', 'confirm'])
    await saveFullPageScreenshot(moderator.page, 'office-audit')
    for (const { record } of [resident, moderator, executor]) expect(record.pageErrors).toEqual([])
  })

  it("lets a head give an appeal to another organisation, after which it leaves the head's page", async () => {
    // given an appeal the moderator routed to the roads department
    const moderator = await browser.openPage(DESK)
    await signInOnPage(moderator.page, 'moderator@demo.local', 'demo-moderator', '/office')
    const filed = await moderator.page.request.post('/api/appeals', {
      data: { city: 'kyiv', category: 'pothole', lat: 50.4501, lon: 30.5234, description: 'Вибоїна на зупинці' },
    })
    expect(filed.status()).toBe(201)
    const { number } = await filed.json()
    await openOfficeAppeal(moderator.page, number)
    await pressAction(moderator.page, /^Зареєструвати$/, /зареєстровано/)
    await routeTo(moderator.page, /Департамент транспортної інфраструктури/)

    // when the head of that department gives it to another organisation
    const head = await browser.openPage(DESK)
    await signInOnPage(head.page, 'manager@demo.local', 'demo-manager', `/office/appeals/${number}`)
    await openOfficeAppeal(head.page, number)
    const organisation = await reassignToAnotherOrganisation(head.page)

    // then the page says so and offers no more actions, and the appeal is with that organisation
    await saveScreenshot(head.page, 'office-head-reassigned-out')
    expect(await head.page.locator('#appeal-actions-heading').count()).toBe(0)
    const moved = await (await moderator.page.request.get(`/api/office/appeals/${number}`)).json()
    expect(moved.organisation.id).toBe(organisation)
    for (const { record } of [moderator, head]) expect(record.pageErrors).toEqual([])
  })
})
