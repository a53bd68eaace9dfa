import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Work, WorkPage } from '../../api/contract/index.ts'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { openMap } from './map-driver.ts'
import { signInOnPage } from './office-driver.ts'
import { waitForMailTo } from './outbox.ts'
import { objectFacts } from './property-driver.ts'
import { saveFullPageScreenshot } from './report-driver.ts'
import { agendaSections, calendarFeedHref, mapLayersAndFilter, openWork, openWorks, recordWorks, renderedProperties, setWorksNowOnly, subscribeByDistrict } from './works-driver.ts'

const DESK = { width: 1280, height: 900 }
const WORKS = 'kyiv-works'

/** A day `n` days from now as Kyiv wall time at `hour`:00, as a date-and-time field takes it. */
function kyivWallTime(daysAhead: number, hour: number): string {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + daysAhead * 86_400_000))
  return `${day}T${String(hour).padStart(2, '0')}:00`
}

/** The numbers a MapLibre filter compares with: the moment a "now" filter holds. */
function numbersIn(filter: unknown): number[] {
  return Array.isArray(filter) ? filter.flatMap(numbersIn) : typeof filter === 'number' ? [filter] : []
}

describe('works in the browser', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('a resident sees the emergency drawn on the map by default, finds it on top of the calendar, subscribes by district, and the calendar feed answers', async () => {
    const { page, record } = await browser.openPage(DESK)
    // given the works on now in Kyiv, as the API tells them
    const now = (await (await page.request.get('/api/works?city=kyiv&when=now')).json()) as WorkPage
    const emergency = now.items.find((w) => w.kind === 'emergency')
    expect(emergency).toBeDefined()

    // when the resident opens Kyiv's map with no layers in the link
    const openedBefore = Math.floor(Date.now() / 1000)
    await openMap(page, '?city=kyiv')
    const openedAfter = Math.ceil(Date.now() / 1000)
    // then the works layer is drawn, with one parcel layer (the register) and not the other
    const { visible, filters } = await mapLayersAndFilter(page, WORKS)
    expect(visible).toContain(WORKS)
    expect(visible).toContain('kyiv-property')
    expect(visible).not.toContain('kyiv-land-parcels')
    // and every style layer of the works is filtered to the moment the map was opened
    expect(Object.keys(filters).length).toBeGreaterThan(0)
    for (const filter of Object.values(filters)) {
      expect(JSON.stringify(filter)).toMatch(/"starts".*"ends"/)
      const moments = numbersIn(filter).filter((n) => n > 1e9)
      expect(moments.length).toBeGreaterThan(0)
      for (const moment of moments) {
        expect(moment).toBeGreaterThanOrEqual(openedBefore)
        expect(moment).toBeLessThanOrEqual(openedAfter)
      }
    }
    // and what it draws in view are works on now, the emergency among them
    const drawn = await renderedProperties(page, WORKS)
    expect(drawn.length).toBeGreaterThan(0)
    for (const works of drawn) expect(Number(works.starts) <= openedAfter && openedBefore < Number(works.ends)).toBe(true)
    expect(drawn.map((w) => w.kind)).toContain('emergency')
    await saveFullPageScreenshot(page, 'works-map-now')
    // when they untick "now only", the filter goes
    await setWorksNowOnly(page, WORKS, false)
    expect(Object.values((await mapLayersAndFilter(page, WORKS)).filters).every((f) => !JSON.stringify(f ?? null).includes('"starts"'))).toBe(true)

    // when they open the works calendar of Kyiv
    await openWorks(page, '/works?city=kyiv&lang=uk')
    // then what is on now comes first, the emergency on top
    const sections = await agendaSections(page)
    expect(sections[0]?.section).toBe('now')
    expect(sections[0]?.titles[0]).toBe(emergency!.title)
    expect(sections[0]?.titles.length).toBe(now.numberMatched)

    // when they subscribe to works in the emergency's district
    const districts = (await (await page.request.get('/api/cities/kyiv/districts')).json()) as Array<{ id: number; name: string }>
    const district = districts[0]!
    const email = `works-${Date.now()}@example.org`
    const said = await subscribeByDistrict(page, district.name, email)
    // then the page asks them to check their mail, and the confirmation is there
    expect(said).toContain('Перевірте пошту')
    expect(said).toContain(email)
    expect(await waitForMailTo(inject('outboxDir'), email)).toMatch(/https?:\/\/\S+/)
    await saveFullPageScreenshot(page, 'works-calendar-subscribed')

    // and the calendar link answers an iCalendar feed with the emergency in it
    const feed = await page.request.get(await calendarFeedHref(page))
    expect(feed.status()).toBe(200)
    expect(feed.headers()['content-type']).toMatch(/^text\/calendar/)
    const calendar = (await feed.text()).replace(/\r?\n[ \t]/g, '')
    expect(calendar).toMatch(/^BEGIN:VCALENDAR/)
    expect(calendar).toContain(`SUMMARY:${emergency!.title.replace(/([,;\\])/g, '\\$1')}`)
    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })

  it('an executor records a road closure from the calendar and sees it on its page', async () => {
    const { page, record } = await browser.openPage(DESK)
    await signInOnPage(page, 'executor@demo.local', 'demo-executor', '/works?city=kyiv&lang=uk')
    await openWorks(page, '/works?city=kyiv&lang=uk')
    const title = `Перекриття проїзду: ремонт зливоприймача ${Date.now()}`

    // when the executor records a closure for tomorrow, 09:00 to 17:00 Kyiv time, around the middle of the map
    const href = await recordWorks(page, { title, startsAt: kyivWallTime(1, 9), endsAt: kyivWallTime(1, 17), switchedOff: /^проїзд$/, radiusM: '150' })
    await saveFullPageScreenshot(page, 'works-recorded')

    // then the API has it, in the executor's organisation, with its window and the road closed
    const id = Number(href.split('/').pop()?.split('?')[0])
    const works = (await (await page.request.get(`/api/works/${id}`)).json()) as Work
    expect(works).toMatchObject({ title, kind: 'planned', work_type: 'road', switched_off: ['road'], organisation: { id: 'kyiv-roads' } })
    expect(new Date(works.ends_at!).getTime() - new Date(works.starts_at!).getTime()).toBe(8 * 3_600_000)

    // and its page shows it with every field formatted in Kyiv time
    await openWork(page, href)
    const shown = await objectFacts(page)
    expect(shown.heading).toContain(title)
    expect(shown.facts['Вид']).toBe('Планові')
    expect(shown.facts['Стан']).toBe('Заплановано')
    expect(shown.facts['Коли']).toMatch(/, 09:00 – 17:00$/)
    expect(shown.facts['Що вимкнено']).toContain('проїзд')
    expect(shown.facts['Відповідальна організація']).toBe(works.organisation!.name.uk)
    // and the executor may update it there
    await page.getByRole('heading', { name: 'Оновити роботи' }).waitFor()
    await saveFullPageScreenshot(page, 'work-page-recorded')
    expect(record.pageErrors).toEqual([])
    expect(record.offOriginRequests).toEqual([])
  })
})
