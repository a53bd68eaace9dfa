import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function AccountPage() {
  
  return <NotFoundPage />
}
