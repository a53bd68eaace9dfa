import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function RegisterPage() {
  
  return <NotFoundPage />
}
