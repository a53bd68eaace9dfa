/** What a visitor does with the search: the header's box by keyboard, and the search page's list and map, in the pages' own terms. */
import type { Page } from '../../scripts/browser/index.ts'

/** How long a search, a page or a map may take on a cold server. */
const STEP_TIMEOUT_MS = 60_000

/** The header's search box. */
function headerBox(page: Page) {
  return page.locator('.app-header [role="combobox"]')
}

/** One suggestion of the open list, as a screen reader meets it. */
export interface Suggestion {
  kind: string
  title: string
  selected: boolean
}

/** The combobox as assistive technology sees it: its ARIA state, the active option's text and the status line. */
export interface ComboboxReading {
  expanded: string | null
  controlsListbox: boolean
  activeOption: string | null
  status: string
  focused: boolean
}

/** Types `text` into the header's search box key by key and waits until its list has opened with results. */
export async function typeInHeaderSearch(page: Page, text: string): Promise<void> {
  const box = headerBox(page)
  await box.click()
  await box.fill('')
  await page.keyboard.type(text, { delay: 40 })
  await page.locator('.app-header [role="combobox"][aria-expanded="true"]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The suggestions the header's list shows now, in order. */
export async function suggestions(page: Page): Promise<Suggestion[]> {
  return page.locator('.app-header [role="listbox"] [role="option"]').evaluateAll((options) =>
    options.map((o) => ({
      kind: o.querySelector('.search-option__kind')?.textContent ?? '',
      title: o.querySelector('.search-option__title')?.textContent ?? '',
      selected: o.getAttribute('aria-selected') === 'true',
    })),
  )
}

/** Presses a key in the header's search box (ArrowDown, Enter, Escape…). */
export async function pressInHeaderSearch(page: Page, key: string): Promise<void> {
  await headerBox(page).press(key)
}

/** Reads the header's combobox: `aria-expanded`, whether `aria-controls` names its listbox, the active option (through `aria-activedescendant`) and the live status. */
export async function readCombobox(page: Page): Promise<ComboboxReading> {
  return headerBox(page).evaluate((input) => {
    const listbox = document.getElementById(input.getAttribute('aria-controls') ?? '')
    const activeId = input.getAttribute('aria-activedescendant')
    const active = activeId ? document.getElementById(activeId) : null
    const status = input.closest('.search-box')?.querySelector('[role="status"]')
    return {
      expanded: input.getAttribute('aria-expanded'),
      controlsListbox: listbox?.getAttribute('role') === 'listbox',
      activeOption: active?.getAttribute('aria-selected') === 'true' ? (active.querySelector('.search-option__title')?.textContent ?? '') : null,
      status: (status?.textContent ?? '').trim(),
      focused: document.activeElement === input,
    }
  })
}

/** Waits for the header's live status to say something matching `pattern`, and returns it. */
export async function waitForSearchStatus(page: Page, pattern: RegExp): Promise<string> {
  const status = page.locator('.app-header .search-box [role="status"]')
  await status.filter({ hasText: pattern }).waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS })
  return ((await status.textContent()) ?? '').trim()
}

/** The pin the map shows at a place the search found: its accessible name and the label above it. */
export async function placePin(page: Page): Promise<{ name: string; label: string }> {
  const pin = page.locator('[data-testid="place-pin"]')
  await pin.waitFor({ timeout: STEP_TIMEOUT_MS })
  return { name: (await pin.getAttribute('aria-label')) ?? '', label: ((await page.locator('.place-pin__label').textContent()) ?? '').trim() }
}

/** Opens the search page for a city and a text, and waits for its count and, with results, its map. */
export async function openSearchPage(page: Page, cityId: string, query: string): Promise<void> {
  await page.goto(`/search?city=${encodeURIComponent(cityId)}&q=${encodeURIComponent(query)}`)
  await waitForSearchPage(page)
}

/** Waits until the search page has its results and their map. */
export async function waitForSearchPage(page: Page): Promise<void> {
  const count = page.locator('.search-page__count[data-count]')
  await count.waitFor({ timeout: STEP_TIMEOUT_MS })
  if (Number(await count.getAttribute('data-count')) > 0) await page.locator('.search-results-map[data-markers]').waitFor({ timeout: STEP_TIMEOUT_MS })
}

/** The search page: its heading, its count, its results and what its map draws. */
export async function searchPage(page: Page): Promise<{ heading: string; count: number; results: Array<{ kind: string; title: string; href: string; located: boolean }>; markers: number; boxes: number }> {
  const map = page.locator('.search-results-map')
  return {
    heading: ((await page.locator('main h1').textContent()) ?? '').trim(),
    count: Number(await page.locator('.search-page__count').getAttribute('data-count')),
    results: await page.locator('.search-results__item').evaluateAll((items) =>
      items.map((item) => ({
        kind: item.querySelector('.search-option__kind')?.textContent ?? '',
        title: item.querySelector('a')?.textContent ?? '',
        href: item.querySelector('a')?.getAttribute('href') ?? '',
        located: item.getAttribute('data-located') === 'true',
      })),
    ),
    markers: await page.locator('.search-results-map .search-marker').count(),
    boxes: Number(await map.getAttribute('data-boxes')),
  }
}

/** Points at the n-th result of the list; returns the result the map then highlights (-1: none). */
export async function hoverListResult(page: Page, index: number): Promise<number> {
  await page.locator('.search-results__item').nth(index).hover()
  await page.locator(`.search-results-map[data-highlighted="${index}"]`).waitFor({ timeout: STEP_TIMEOUT_MS })
  return Number(await page.locator('.search-results-map').getAttribute('data-highlighted'))
}

/** Presses the map's marker of the n-th result (a button: focused and pressed with Enter, as neighbouring markers may overlap it); returns the index the list then highlights (-1: none) and whether that marker is highlighted. */
export async function clickResultMarker(page: Page, index: number): Promise<{ listHighlighted: number; markerHighlighted: boolean }> {
  const marker = page.locator(`.search-results-map .search-marker[data-index="${index}"]`)
  await marker.focus()
  await marker.press('Enter')
  await page.locator(`.search-results__item[data-highlighted="true"]`).waitFor({ timeout: STEP_TIMEOUT_MS })
  const listHighlighted = await page.locator('.search-results__item').evaluateAll((items) => items.findIndex((item) => item.getAttribute('data-highlighted') === 'true'))
  return { listHighlighted, markerHighlighted: await marker.evaluate((m) => m.classList.contains('search-marker--highlighted')) }
}

/** On a phone: whether the header's search box shows, before and after pressing the search button; and whether it then has the focus. */
export async function openPhoneSearch(page: Page): Promise<{ shownBefore: boolean; shownAfter: boolean; focused: boolean; toggleExpanded: string | null }> {
  const shownBefore = await headerBox(page).isVisible()
  const toggle = page.locator('.header-search__toggle')
  await toggle.click()
  await headerBox(page).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS })
  await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'combobox')
  return { shownBefore, shownAfter: await headerBox(page).isVisible(), focused: true, toggleExpanded: await toggle.getAttribute('aria-expanded') }
}

/** Counts the requests the page makes to the search API from now on. */
export function countSearchRequests(page: Page): { count(): number } {
  let count = 0
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/search') count++
  })
  return { count: () => count }
}
