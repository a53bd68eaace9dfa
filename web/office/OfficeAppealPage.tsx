import { useTranslation } from 'react-i18next'
import { OfficeAppealSchema } from '../api-client/index.ts'
import { useApiResource } from '../hooks/index.ts'
import type { Language } from '../url-state/index.ts'
import { AppealWorkspace } from './appeal/index.ts'
import { LoadFailure, OfficeShell } from './shared/index.ts'

/** `/office/appeals/{number}`: the staff page of one appeal, with the actions the user may take. */
export function OfficeAppealPage({ number }: { number: string }) {
  return <OfficeShell>{(_user, language) => <AppealLoader number={number} language={language} />}</OfficeShell>
}

function AppealLoader({ number, language }: { number: string; language: Language }) {
  const { t } = useTranslation()
  const appeal = useApiResource(`/api/office/appeals/${encodeURIComponent(number)}`, OfficeAppealSchema)
  if (appeal.status === 'loading') return <p role="status">{t('app.loading')}</p>
  if (appeal.status === 'failed') {
    return <LoadFailure title={appeal.problem.status === 404 ? t('appeal.notFound', { number }) : (appeal.problem.detail ?? appeal.problem.title)} />
  }
  return <AppealWorkspace initial={appeal.data} language={language} />
}
