/** The app's shell: the page router, the header and the map page with its catalogue and feature panels. */
export { App } from './App.tsx'
