/** What the web build writes beside the bundles: the app's icons, its service worker and compressed copies of every text file. */
export { writeAppIcons } from './app-icons.ts'
export { precompress } from './precompress.ts'
export { writeServiceWorker } from './service-worker.ts'
