import { NotFoundPage } from '../components/NotFoundPage.tsx'

export function OfficeAppealPage({ number }: { number: string }) {
  void number
  return <NotFoundPage />
}
