import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { jpegWithGps } from '../../api/appeals/testing.ts'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import {
  addMilestone,
  apiWrite,
  attachFile,
  castBallot,
  checkReceipt,
  coauthorLink,
  describeProposal,
  drawArea,
  enterPaperBatch,
  implementationShown,
  joinAsCoauthor,
  mapWinners,
  markFeasible,
  refusedFields,
  saveDraft,
  submitDraftOnPage,
  typeArea,
  openEdition,
  openWizard,
  phasesWith,
  photosLoaded,
  precheckShown,
  resultRows,
  staffAction,
  submitProposal,
  updateImplementation,
} from './budget-driver.ts'
import { signInOnPage } from './office-driver.ts'
import { saveFullPageScreenshot } from './report-driver.ts'

const PHONE = { width: 390, height: 844 }
const DESK = { width: 1280, height: 900 }

/** A PDF made by `ogr2ogr -f PDF` (GDAL): the estimate a resident attaches. */
const ESTIMATE_PDF = 'layers/upload/fixtures/sniff/places.pdf'

/** Whole-city money for two projects that do not both fit: 300 000 and 400 000 of 500 000. */
const RULES = { voting: 'approval', votes_per_voter: 2, min_cost: 1000, max_cost: null, verified_only: false, min_age: 16, residence_declaration: true, min_votes: 0 }

describe('a participatory budget from a proposal on the map to its construction', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('a resident places a polygon proposal and sees the pre-check, a reviewer marks it feasible, residents vote, the admin closes voting, and the winner shows on the map and in implementation with a milestone', async () => {
    const title = `Сквер із лавками ${Date.now().toString(36)}`
    // given the commission's edition for Kyiv, taking proposals now
    const admin = await browser.openPage(DESK)
    await signInOnPage(admin.page, 'budget@demo.local', 'demo-budget', '/budgets')
    const edition = await apiWrite<{ id: number }>(admin.page, 'POST', '/api/budgets', {
      city: 'kyiv',
      year: new Date().getFullYear(),
      title: { uk: 'Громадський бюджет (перевірка)', en: 'Participatory budget (check)' },
      total: 500_000,
      rules: RULES,
      phases: phasesWith('submission'),
    })

    // when a resident on a phone draws the project's area on the wizard's map
    const resident = await browser.openPage(PHONE)
    await signInOnPage(resident.page, 'resident@demo.local', 'demo-resident', `/budgets/${edition.id}/propose`)
    await openWizard(resident.page, edition.id)
    expect(await drawArea(resident.page, [[0.45, 0.45], [0.55, 0.45], [0.5, 0.55]])).toBe('area:3:closed')
    // then the pre-check names the district the area is in
    const precheck = await precheckShown(resident.page)
    expect(precheck.district).not.toBe('')
    expect(precheck.district).not.toMatch(/Поза районами/)
    // and the cost items add up as they are typed
    const total = await describeProposal(resident.page, {
      title,
      description: 'Лавки, урни й освітлення на пустирі біля зупинки.',
      category: /^Громадський простір$/,
      items: [
        { name: 'Лавки', amount: '250 000' },
        { name: 'Урни й освітлення', amount: '50000' },
      ],
    })
    expect(total.replace(/\s/g, '')).toMatch(/300000/)
    await saveFullPageScreenshot(resident.page, 'budget-wizard-phone')
    const polygonId = await submitProposal(resident.page, edition.id)
    const created = (await (await resident.page.request.get(`/api/budgets/${edition.id}/proposals/${polygonId}`)).json()) as { geometry: { type: string }; cost: number; district: { name: string } | null; status: string }
    expect(created).toMatchObject({ geometry: { type: 'Polygon' }, cost: 300_000, status: 'submitted', district: { name: precheck.district } })
    // and another resident's project, a point nearby that costs more, comes in through the API
    const pointId = (
      await apiWrite<{ id: string }>(resident.page, 'POST', `/api/budgets/${edition.id}/proposals`, {
        title: `Дитячий майданчик ${Date.now().toString(36)}`,
        description: 'Гойдалки й пісочниця.',
        category: 'sport',
        geometry: { type: 'Point', coordinates: [30.52, 50.447] },
        cost_items: [{ name: 'Обладнання', amount: 400_000 }],
      })
    ).id

    // when the review phase comes and the reviewer marks the area's project feasible on its page
    await apiWrite(admin.page, 'PATCH', `/api/budgets/${edition.id}`, { phases: phasesWith('review') })
    await admin.page.goto(`/budgets/${edition.id}/proposals/${polygonId}`)
    await markFeasible(admin.page, 'Ділянка комунальна, кошторис реалістичний.')
    await saveFullPageScreenshot(admin.page, 'budget-review')
    await apiWrite(admin.page, 'POST', `/api/budgets/${edition.id}/proposals/${pointId}/review`, { feasible: true, reason: '' })

    // and voting opens: the resident votes for the area's project and keeps the receipt
    await apiWrite(admin.page, 'PATCH', `/api/budgets/${edition.id}`, { phases: phasesWith('voting') })
    await openEdition(resident.page, 'kyiv', edition.id)
    const vote = await castBallot(resident.page, [title])
    expect(vote.receipt).not.toBe('')
    expect(vote.remaining).toMatch(/Залишилось голосів: 1/)
    expect(await checkReceipt(resident.page, vote.receipt)).toMatchObject({ counted: 'true' })
    await saveFullPageScreenshot(resident.page, 'budget-ballot-phone')
    // and a second resident votes for both
    const neighbour = await browser.openPage(PHONE)
    await signInOnPage(neighbour.page, 'planner@demo.local', 'demo-planner', '/budgets')
    await openEdition(neighbour.page, 'kyiv', edition.id)
    await castBallot(neighbour.page, [title, 'Дитячий майданчик'])

    // and the commission enters a batch of paper ballots from a polling station's protocol, and sees no pattern flagged
    await openEdition(admin.page, 'kyiv', edition.id)
    expect(await enterPaperBatch(admin.page, 'Протокол дільниці 1', `${polygonId}\n${polygonId}, ${pointId}`)).toMatch(/Внесено 2 бюлетені/)
    await admin.page.locator('.budget-flags').getByText('Підозрілих візерунків не знайдено.').waitFor()

    // when the admin closes voting and computes the results
    await openEdition(admin.page, 'kyiv', edition.id)
    await staffAction(admin.page, /^(Закрити голосування зараз|Close voting now)$/, /Голосування закрито|Voting is closed/)
    await staffAction(admin.page, /^(Порахувати результати|Compute the results)$/, /пораховано|computed/)

    // then the area's project won and the dearer one no longer fit the money left
    const rows = await resultRows(admin.page)
    expect(rows.find((r) => r.id === polygonId)).toMatchObject({ won: true, text: expect.stringMatching(/онлайн 2, папір 2/) })
    expect(rows.find((r) => r.id === pointId)).toMatchObject({ won: false })
    // and the map draws it as the one winner among the two
    expect(await mapWinners(admin.page)).toEqual({ proposals: 2, winners: 1 })
    await saveFullPageScreenshot(admin.page, 'budget-results')

    // when the admin records its construction with a Prozorro tender, a milestone and a photo of the site
    await admin.page.goto(`/budgets/${edition.id}/proposals/${polygonId}`)
    await updateImplementation(admin.page, { status: /^Будується$/, progress: '40', spent: '120000', prozorro: 'UA-2026-12-07-000123-a', note: 'Підрядник завозить лавки.' })
    await addMilestone(admin.page, { title: 'Укладено договір', dueOn: '2027-03-01' })
    const sitePhoto = join(mkdtempSync(join(tmpdir(), 'hromada-e2e-')), 'IMG_0107.jpg')
    writeFileSync(sitePhoto, await jpegWithGps(1200, 900))
    await attachFile(admin.page, 'implementation-photo', sitePhoto, 'Лавки завезено')
    await saveFullPageScreenshot(admin.page, 'budget-implementation-staff')

    // then the resident follows it on the project's page
    await resident.page.goto(`/budgets/${edition.id}/proposals/${polygonId}`)
    const shown = await implementationShown(resident.page)
    expect(shown.progress).toBe('40')
    expect(shown.tender).toBe('https://prozorro.gov.ua/tender/UA-2026-12-07-000123-a')
    expect(shown.milestones.join('\n')).toContain('Укладено договір')
    expect(shown.text).toContain('Будується')
    expect(await photosLoaded(resident.page)).toBe(true)
    await resident.page.getByRole('button', { name: /^(Стежити за проєктом|Follow this project)$/ }).click()
    await resident.page.locator('.budget-follow [role="status"]').filter({ hasText: /Ви стежите|You follow/ }).waitFor()
    await saveFullPageScreenshot(resident.page, 'budget-project-phone')

    for (const { record } of [admin, resident, neighbour]) expect(record.pageErrors).toEqual([])
  })

  it('marks an area by typed coordinates, shows the server’s refusal next to each field, keeps a draft in English with a photo and a PDF, and submits it from its page', async () => {
    // given an edition of Kyiv taking proposals, and a resident at the wizard without using the map
    const admin = await browser.openPage(DESK)
    await signInOnPage(admin.page, 'budget@demo.local', 'demo-budget', '/budgets')
    const edition = await apiWrite<{ id: number }>(admin.page, 'POST', '/api/budgets', {
      city: 'kyiv',
      year: new Date().getFullYear(),
      title: { uk: 'Громадський бюджет (чернетки)', en: 'Participatory budget (drafts)' },
      total: 500_000,
      rules: RULES,
      phases: phasesWith('submission'),
    })
    const resident = await browser.openPage(DESK)
    await signInOnPage(resident.page, 'resident@demo.local', 'demo-resident', `/budgets/${edition.id}/propose`)
    await openWizard(resident.page, edition.id)

    // when the resident types the area's corners
    expect(await typeArea(resident.page, [[50.4501, 30.5234], [50.4504, 30.5240], [50.4498, 30.524]])).toBe('area:3:closed')
    // then the pre-check of that place is shown, as for an area drawn on the map
    expect((await precheckShown(resident.page)).district).toMatch(/район/)

    // when they submit with a title too short, no description, no category and an item without its amount
    await resident.page.getByLabel('Назва проєкту').fill('Ок')
    await resident.page.getByLabel(/^Стаття 1$/).fill('Лавки')
    const refused = await refusedFields(resident.page, /^Подати проєкт$/)
    // then the server's message is next to each of those fields, and nothing is saved
    expect(Object.keys(refused).sort()).toEqual(['Категорія', 'Назва проєкту', 'Опис', 'Сума статті 1, грн'])
    expect(Object.values(refused).every((message) => message.length > 0)).toBe(true)
    expect(await (await resident.page.request.get(`/api/budgets/${edition.id}/proposals?mine=1`)).json()).toEqual([])
    await saveFullPageScreenshot(resident.page, 'budget-wizard-refused')

    // when they switch to English, fix the fields and keep it as a draft
    await resident.page.getByLabel(/^(Мова|Language)$/).selectOption('en')
    await describeProposal(resident.page, { title: 'Benches by the school', description: 'Three benches.', category: /^Public space$/, items: [{ name: 'Benches', amount: '30000' }] })
    const draftId = await saveDraft(resident.page, edition.id)
    // then its page says it is a draft only they see, where they add a photo from their phone and the estimate as a PDF
    expect(new URL(resident.page.url()).searchParams.get('lang')).toBe('en')
    const photo = join(mkdtempSync(join(tmpdir(), 'hromada-e2e-')), 'IMG_0042.jpg')
    writeFileSync(photo, await jpegWithGps(1600, 1200))
    await attachFile(resident.page, 'photo', photo, 'The corner by the school gate')
    await attachFile(resident.page, 'document', ESTIMATE_PDF, 'Estimate')
    expect(await photosLoaded(resident.page)).toBe(true)
    const withFiles = (await (await resident.page.request.get(`/api/budgets/${edition.id}/proposals/${draftId}`)).json()) as { photos: Array<{ caption: string }>; documents: Array<{ title: string }> }
    expect([withFiles.photos.map((p) => p.caption), withFiles.documents.map((d) => d.title)]).toEqual([['The corner by the school gate'], ['Estimate']])
    // and invite a neighbour to write it with them: the neighbour opens the link and joins the draft
    const link = await coauthorLink(resident.page)
    const neighbour = await browser.openPage(PHONE)
    await signInOnPage(neighbour.page, 'planner@demo.local', 'demo-planner', '/budgets')
    expect(await joinAsCoauthor(neighbour.page, link)).toMatch(/Benches by the school/)
    await saveFullPageScreenshot(neighbour.page, 'budget-coauthor-joined')
    expect((await (await neighbour.page.request.get(`/api/budgets/${edition.id}/proposals/${draftId}`)).json()) as { mine: boolean; co_authors: number }).toMatchObject({ mine: true, co_authors: 1 })
    // and submit it from there
    await resident.page.reload()
    expect(await submitDraftOnPage(resident.page)).toBe('Under review')
    const submitted = (await (await resident.page.request.get(`/api/budgets/${edition.id}/proposals/${draftId}`)).json()) as { status: string; geometry: { type: string } }
    expect(submitted).toMatchObject({ status: 'submitted', geometry: { type: 'Polygon' } })
    await saveFullPageScreenshot(resident.page, 'budget-draft-submitted')
    for (const { record } of [resident, neighbour]) expect(record.pageErrors).toEqual([])
  })
})
