import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function ResetPasswordPage({ token }: { token: string }) {
  void token;
  return <NotFoundPage />
}
