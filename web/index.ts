/** What the server needs of the web app: which paths are its pages (the rest is not found). */
export { routeOf, type Route } from './routes.ts'
