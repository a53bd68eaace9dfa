/**
 * Registers the service worker (`/sw.js`, written by the production build) once the page has
 * loaded, so installing it never competes with the page's own first requests. The development
 * server has none: there the app always reads the network.
 */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => console.warn('The service worker was not registered:', error))
  })
}
