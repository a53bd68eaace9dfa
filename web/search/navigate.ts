/**
 * Opens an app link. A view of the map from the map page changes only the query: the page stays,
 * the history gets an entry and the map reads the new view as it does on Back (`popstate`), so the
 * camera jumps there without a reload. Any other page is loaded as an ordinary link would be.
 */
export function openHref(href: string): void {
  const url = new URL(href, window.location.href)
  if (url.origin === window.location.origin && url.pathname === '/' && window.location.pathname === '/') {
    window.history.pushState(null, '', `${url.pathname}${url.search}${url.hash}`)
    window.dispatchEvent(new PopStateEvent('popstate'))
    return
  }
  window.location.assign(url.href)
}

/** The size of the map a found box is fitted to: the map page's map, else the window. */
export function mapViewport(): { width: number; height: number } {
  const map = document.getElementById('map')?.getBoundingClientRect()
  return map && map.width > 0 && map.height > 0 ? { width: map.width, height: map.height } : { width: window.innerWidth, height: window.innerHeight }
}
