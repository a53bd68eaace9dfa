import { AppealPage } from '../appeals/AppealPage.tsx'
import { TrackingPage } from '../appeals/TrackingPage.tsx'
import { routeOf } from '../routes.ts'
import { MapPage } from './MapPage.tsx'
import { NotFoundPage } from './NotFoundPage.tsx'

/**
 * The app: the page its path names. Pages link to each other with ordinary links, so the path
 * is read once per load; within a page, history entries change only the query.
 */
export function App() {
  const route = routeOf(window.location.pathname)
  switch (route.page) {
    case 'map':
      return <MapPage />
    case 'appeal':
      return <AppealPage number={route.number} />
    case 'tracking':
      return <TrackingPage token={route.token} />
    case 'not-found':
      return <NotFoundPage />
  }
}
