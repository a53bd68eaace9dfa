import { NotFoundPage } from '../components/NotFoundPage.tsx'
import type { OfficeSection } from '../routes.ts'

export function OfficePage({ section }: { section: OfficeSection }) {
  void section
  return <NotFoundPage />
}
