import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function ConfirmEmailPage({ token }: { token: string }) {
  void token;
  return <NotFoundPage />
}
