import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function DashboardPage() {
  return <NotFoundPage />
}
