import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, type BrowserSession } from '../../scripts/browser/index.ts'
import { axeViolations, chooseFilter, openCatalogue, openDataUse, shownCount, shownPassports, snippets } from './data-driver.ts'
import { saveFullPageScreenshot } from './report-driver.ts'

const PHONE = { width: 390, height: 844 }
const DESK = { width: 1440, height: 900 }

describe('the open-data catalogue', () => {
  let browser: BrowserSession
  let baseUrl: string

  beforeAll(async () => {
    baseUrl = inject('baseUrl')
    browser = await launchBrowser(baseUrl)
  })

  afterAll(async () => {
    await browser?.close()
  })

  it('a developer finds every public layer with its passport, narrows it by city and theme, and reaches its files and services', async () => {
    const { page, record } = await browser.openPage(DESK)
    // given the API's own catalogue
    const api = (await (await fetch(`${baseUrl}/api/catalogue`)).json()) as { datasets: Array<{ id: string; city: string; theme: string; synthetic: boolean }> }

    // when the catalogue page opens
    await openCatalogue(page)
    // then every public layer of every city is there, each passport complete, synthetic data marked as such
    expect(await shownCount(page)).toBe(api.datasets.length)
    const passports = await shownPassports(page)
    expect(passports.map((p) => p.layer)).toEqual(api.datasets.map((d) => d.id))
    for (const p of passports) {
      expect(Object.values(p.terms).every((v) => v.trim() !== ''), p.layer).toBe(true)
      expect(Object.keys(p.terms)).toEqual(['Розпорядник', 'Відповідальна особа (посада)', 'Частота оновлення', 'Останнє оновлення', 'Правова підстава', 'Ліцензія', 'Посилання на джерело', 'Джерело', 'Кількість об’єктів', 'Обсяг даних'])
      expect(p.terms['Ліцензія']).not.toMatch(/not stated/i)
      expect(p.downloads.map((d) => d.href)).toEqual(['geojson', 'csv', 'gpkg', 'fgb'].map((f) => `${baseUrl}/api/layers/${p.layer}/export.${f}`))
      expect(p.services.map((s) => s.href)).toContain(`${baseUrl}/ogc/collections/${p.layer}`)
      expect(p.badges).toContain(api.datasets.find((d) => d.id === p.layer)!.synthetic ? 'Синтетичні дані' : 'Реальні дані')
    }
    const unknown = passports.find((p) => p.layer === 'kyiv-alcohol-licenses')!
    expect(unknown.terms['Ліцензія']).toContain('Ліцензія джерела невідома')

    // when narrowed to Zhytomyr's transport
    await chooseFilter(page, /Громада/, 'Житомир')
    await chooseFilter(page, /Тема/, 'Транспорт')
    // then only those layers remain, and the URL keeps the filter
    const narrowed = api.datasets.filter((d) => d.city === 'zhytomyr' && d.theme === 'transport').map((d) => d.id)
    expect(narrowed.length).toBeGreaterThan(0)
    expect((await shownPassports(page)).map((p) => p.layer)).toEqual(narrowed)
    expect(new URL(page.url()).search).toBe('?city=zhytomyr&theme=transport')

    // and a GeoJSON download answers
    const download = await fetch((await shownPassports(page))[0]!.downloads[0]!.href, { method: 'HEAD' })
    expect(download.status).toBe(200)
    expect(record.pageErrors).toEqual([])
  })

  it('has no axe violations on a phone and a desktop, in both languages', async () => {
    for (const [name, viewport] of [['phone', PHONE], ['desktop', DESK]] as const) {
      for (const lang of ['', '?lang=en']) {
        const { page, record } = await browser.openPage(viewport)
        await openCatalogue(page, lang)
        expect(await axeViolations(page), `${name} ${lang}`).toEqual([])
        await saveFullPageScreenshot(page, `data-${name}${lang ? '-en' : ''}`)
        await openDataUse(page, lang)
        expect(await axeViolations(page), `use ${name} ${lang}`).toEqual([])
        await saveFullPageScreenshot(page, `data-use-${name}${lang ? '-en' : ''}`)
        expect(record.pageErrors).toEqual([])
        await page.close()
      }
    }
  })

  it('gives copy-paste URLs for QGIS, GDAL, Python and JavaScript on the page’s own origin', async () => {
    const { page } = await browser.openPage(DESK)
    await openDataUse(page, '?city=kyiv&lang=en')
    const shown = await snippets(page)
    const origin = new URL(baseUrl).origin
    expect(shown['qgis-oapif']).toBe(`${origin}/ogc`)
    expect(shown['qgis-style']).toBe(`${origin}/styles/kyiv.json`)
    expect(shown['gdal-oapif']).toContain(`ogrinfo OAPIF:${origin}/ogc`)
    expect(shown['gdal-vsicurl']).toMatch(new RegExp(`^ogrinfo -so /vsicurl/${origin.replace(/[.]/g, '\\.')}/api/layers/kyiv-[a-z0-9-]+/export\\.fgb`))
    expect(shown.python).toContain('gpd.read_file(')
    expect(shown.javascript).toContain(`style: '${origin}/styles/kyiv.json'`)
    // and the URLs they name answer
    for (const url of [shown['qgis-style']!, shown['qgis-tilejson']!, shown.dcat!]) expect((await fetch(url)).status, url).toBe(200)
  })
})
