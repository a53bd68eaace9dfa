/** What a visitor does on the open-data pages: open them, narrow the catalogue, read passports and examples, and check them with axe. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from '../../scripts/browser/index.ts'

/** How long a page may take on a cold server. */
const STEP_TIMEOUT_MS = 60_000

/** axe-core's engine, run in the page through the DevTools protocol: the page's CSP allows no inline script. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** A passport as a visitor reads it on the page. */
export interface ShownPassport {
  layer: string
  title: string
  badges: string[]
  terms: Record<string, string>
  downloads: Array<{ text: string; href: string }>
  services: Array<{ text: string; href: string }>
}

/** Opens `/data` with `query` and waits until the catalogue has loaded. */
export async function openCatalogue(page: Page, query = ''): Promise<void> {
  await page.goto(`/data${query}`)
  await page.locator('.data-page__count[data-count]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** Opens `/data/use` with `query` and waits until the examples are filled in. */
export async function openDataUse(page: Page, query = ''): Promise<void> {
  await page.goto(`/data/use${query}`)
  await page.locator('[data-snippet="qgis-oapif"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** How many datasets the status line counts. */
export async function shownCount(page: Page): Promise<number> {
  return Number(await page.locator('.data-page__count').getAttribute('data-count'))
}

/** Chooses a city (its visible name) or a theme in the filter labelled `label`, and waits for the list to follow. */
export async function chooseFilter(page: Page, label: RegExp, option: string): Promise<void> {
  await page.getByLabel(label).selectOption({ label: option })
  await page.waitForFunction(() => document.querySelector('.data-page__count[data-count]') !== null)
}

/** Every passport on the page, as read from its text and links. */
export async function shownPassports(page: Page): Promise<ShownPassport[]> {
  return page.locator('article.passport').evaluateAll((articles) =>
    articles.map((a) => {
      const links = (row: Element | undefined) => [...(row?.querySelectorAll('a') ?? [])].map((l) => ({ text: l.textContent ?? '', href: (l as HTMLAnchorElement).href }))
      const rows = [...a.querySelectorAll('.passport__links')]
      const dts = [...a.querySelectorAll('dt')]
      return {
        layer: a.getAttribute('data-layer') ?? '',
        title: a.querySelector('h2')?.textContent ?? '',
        badges: [...a.querySelectorAll('.passport__badge')].map((b) => b.textContent ?? ''),
        terms: Object.fromEntries(dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? ''])),
        downloads: links(rows[0]),
        services: links(rows[1]),
      }
    }),
  )
}

/** The page's examples by id, as they would be copied. */
export async function snippets(page: Page): Promise<Record<string, string>> {
  return Object.fromEntries(
    await page.locator('[data-snippet]').evaluateAll((figures) => figures.map((f) => [f.getAttribute('data-snippet') ?? '', f.querySelector('code')?.textContent ?? ''])),
  )
}

/** axe-core's violations of the page as it is now: rule id and the first offending element. */
export async function axeViolations(page: Page): Promise<Array<{ id: string; target: string }>> {
  await page.evaluate(AXE_SOURCE)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }).axe
    const { violations } = await axe.run()
    return violations.map((v) => ({ id: v.id, target: String(v.nodes[0]?.target ?? '') }))
  })
}
