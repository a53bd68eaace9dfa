import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession, type Page } from '../../scripts/browser/index.ts'
import { openCity, saveScreenshot, waitForMapIdle } from './map-driver.ts'
import { attachPhotos, chooseCategory, describeProblem, pressNext, reportHeading, startReport, tapMapCentre } from './report-driver.ts'

const PHONE = { width: 390, height: 844 }

/** Waits until the service worker controls the page: its requests now go through it and are kept. */
async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 60_000 })
}

/** The public appeals of Kyiv whose description holds `text`. */
async function appealsWith(page: Page, text: string): Promise<string[]> {
  const response = await page.request.get('/api/appeals?city=kyiv&limit=500')
  const body = (await response.json()) as { appeals: Array<{ number: string; description: string }> }
  return body.appeals.filter((a) => a.description.includes(text)).map((a) => a.number)
}

describe('the installable app and its offline use', () => {
  let browser: BrowserSession

  beforeAll(async () => {
    browser = await launchBrowser(inject('baseUrl'))
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('has a web app manifest with real icons and a service worker at the root, and sends its assets compressed', async () => {
    const { page } = await browser.openPage(PHONE)
    const manifest = await page.request.get('/manifest.webmanifest')
    expect(manifest.status()).toBe(200)
    expect(manifest.headers()['content-type']).toBe('application/manifest+json')
    const doc = (await manifest.json()) as { name: string; start_url: string; display: string; icons: Array<{ src: string; sizes: string; type: string; purpose?: string }> }
    expect(doc).toMatchObject({ name: 'Громада Мапа', start_url: '/', display: 'standalone' })
    for (const icon of doc.icons.filter((i) => i.type === 'image/png')) {
      const image = await page.request.get(icon.src)
      expect(image.status(), icon.src).toBe(200)
      const { width, height } = await sharp(await image.body()).metadata()
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes)
    }
    expect(doc.icons.some((i) => i.purpose === 'maskable' && i.sizes === '512x512')).toBe(true)
    const worker = await page.request.get('/sw.js')
    expect(worker.status()).toBe(200)
    expect(worker.headers()['content-type']).toMatch(/^text\/javascript/)
    expect(worker.headers()['cache-control']).toBe('no-cache')

    await page.goto('/?city=kyiv')
    expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest')
    const scripts = await page.locator('script[src], link[rel="modulepreload"]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('src') ?? n.getAttribute('href') ?? ''))
    expect(scripts.length).toBeGreaterThan(1)
    for (const path of [...scripts, '/']) {
      for (const encoding of ['br', 'gzip']) {
        const res = await page.request.get(path, { headers: { 'Accept-Encoding': encoding } })
        expect(res.status(), path).toBe(200)
        expect(res.headers()['content-encoding'], `${path} ${encoding}`).toBe(encoding)
      }
    }
  })

  it('opens the map offline from what it kept, says so once in plain words, and sends an appeal written offline exactly once when the connection returns', async () => {
    const { page, record } = await browser.openPage(PHONE)
    // given a resident who opened the map once with a signal (the service worker installs, then keeps what the map reads)
    await openCity(page, 'kyiv')
    await waitForServiceWorker(page)
    await page.reload()
    await waitForMapIdle(page)
    await page.waitForFunction(
      () => caches.match('/api/appeal-categories?city=kyiv').then((cached) => cached !== undefined),
      undefined,
      { timeout: 30_000, polling: 500 },
    )
    // when the signal is lost and they open the map again
    await page.context().setOffline(true)
    await page.reload()
    await waitForMapIdle(page)
    // then the map is drawn from what was kept, with one plain line about the connection and no raw errors
    const notice = page.locator('.offline-notice[data-offline="true"]')
    await notice.waitFor()
    expect(await notice.innerText()).toMatch(/Немає з’єднання/)
    expect(await page.locator('.problem-alert').innerText()).not.toMatch(/AJAXError|Failed to fetch/)
    await saveScreenshot(page, 'offline-phone-map')

    // when they write an appeal with a photo
    const token = `offline-${Date.now()}`
    await startReport(page)
    await tapMapCentre(page)
    await pressNext(page)
    await chooseCategory(page, 'pothole')
    await describeProblem(page, `Яма на тротуарі, написано без зв’язку (${token})`)
    const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#6b7280' } }).jpeg().toBuffer()
    await attachPhotos(page, [{ name: 'offline.jpg', mimeType: 'image/jpeg', buffer: photo }])
    await pressNext(page)
    await pressNext(page)
    await page.locator('.report-sheet__footer .button--primary').click()
    // then it is kept on the device, with its photo
    await page.locator('.report-sheet[data-step="queued"]').waitFor()
    expect(await reportHeading(page)).toBe('Збережено на пристрої')
    const kept = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('hromada-outbox')
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      const all = await new Promise<Array<{ submission: { photos: Blob[] } }>>((resolve, reject) => {
        const request = db.transaction('appeals').objectStore('appeals').getAll()
        request.onsuccess = () => resolve(request.result as Array<{ submission: { photos: Blob[] } }>)
        request.onerror = () => reject(request.error)
      })
      return all.map((a) => a.submission.photos.map((p) => p.size))
    })
    expect(kept).toEqual([[photo.length]])
    await saveScreenshot(page, 'offline-phone-queued')
    expect(await appealsWith(page, token)).toEqual([])

    // when the connection returns, the first answer is lost on the way back (the server filed it)
    let lost = false
    await page.context().route('**/api/appeals', async (route) => {
      if (route.request().method() !== 'POST' || lost) return route.continue()
      lost = true
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.context().setOffline(false)
    // then the outbox sends it again with the same key, and the receipt shows
    const number = page.locator('[data-appeal-number]')
    await number.waitFor({ timeout: 90_000 })
    expect(lost).toBe(true)
    expect(await number.innerText()).toMatch(/^KYIV-\d{4}-\d{6}$/)
    await saveScreenshot(page, 'offline-phone-sent')
    // and the city has it exactly once, with its photo
    expect(await appealsWith(page, token)).toEqual([(await number.innerText()).trim()])
    const appeal = (await (await page.request.get(`/api/appeals/${(await number.innerText()).trim()}`)).json()) as { photos: unknown[] }
    expect(appeal.photos).toHaveLength(1)
    // and nothing waits on the device any more, also after the page opens again
    await page.context().unrouteAll()
    await page.reload()
    await waitForMapIdle(page)
    await page.waitForTimeout(1000)
    expect(await page.locator('[data-waiting]').count()).toBe(0)
    expect(await appealsWith(page, token)).toHaveLength(1)
    expect(record.pageErrors).toEqual([])
  })
})
