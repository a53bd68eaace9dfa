import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function SignInPage() {
  
  return <NotFoundPage />
}
