import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function ForgotPasswordPage() {
  
  return <NotFoundPage />
}
