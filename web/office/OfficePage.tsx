import { useTranslation } from 'react-i18next'
import type { SignedInUser } from '../api-client/index.ts'
import type { OfficeSection } from '../../api/contract/index.ts'
import type { Language } from '../url-state/index.ts'
import { AdminSection } from './admin/index.ts'
import { AppealQueue } from './queue/index.ts'
import { AuditSection } from './audit/index.ts'
import { OfficeHome } from './OfficeHome.tsx'
import { OfficeShell, opensSection } from './shared/index.ts'
import { StatsSection } from './StatsSection.tsx'

/** `/office` and `/office/{section}`: a back-office cabinet, when the user's roles open it. */
export function OfficePage({ section }: { section: OfficeSection }) {
  return <OfficeShell active={section}>{(user, language) => <SectionView section={section} user={user} language={language} />}</OfficeShell>
}

function SectionView({ section, user, language }: { section: OfficeSection; user: SignedInUser; language: Language }) {
  const { t } = useTranslation()
  if (!opensSection(user, section)) {
    return (
      <>
        <h1>{t(`office.section.${section}`)}</h1>
        <p>{t('office.noAccess')}</p>
      </>
    )
  }
  switch (section) {
    case 'home':
      return <OfficeHome user={user} language={language} />
    case 'triage':
      return <AppealQueue heading={t('office.section.triage')} queues={['triage']} user={user} language={language} />
    case 'queue':
      return <AppealQueue heading={t('office.section.queue')} queues={['mine', 'organisation']} user={user} language={language} byDueDate />
    case 'organisation':
      return <AppealQueue heading={t('office.section.organisation')} queues={user.roles.includes('admin') ? ['all', 'overdue', 'escalated'] : ['organisation', 'overdue', 'escalated']} user={user} language={language} />
    case 'admin':
      return <AdminSection language={language} />
    case 'stats':
      return <StatsSection language={language} />
    case 'audit':
      return <AuditSection language={language} />
  }
}
