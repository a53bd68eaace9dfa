/** Headless Chromium opened on the app: what the browser tests and the page-weight benchmark drive. */
export { type BrowserSession, launchBrowser, type Page, type PageRecord, type RecordedPage, SCREENSHOT_DIR, type Viewport } from './browser.ts'
